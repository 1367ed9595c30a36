// A real embedded event store and read-model store with a small bureau's record, the audit index
// caught up, and an evidence bundle writer signing with a fresh Ed25519 key.
import { AuditIndex, auditIndexProjection, CheckpointService, ed25519Signer, EvidenceBundleWriter, type EvidenceSigner } from '@pledgebook/audit-feature/core';
import type { AuditCaller, Jwks } from '@pledgebook/audit-domain';
import type { NewEvent } from '@pledgebook/event-store';
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { ProjectionRunner } from '@pledgebook/read-model';
import { SqliteReadModelStore } from '@pledgebook/read-model-sqlite';
import { newId, systemClock } from '@pledgebook/util';
import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const AUDITOR: AuditCaller = { subject: 'audit-p', bureauId: 'shandong', roles: ['auditor'] };

export interface AuditFixture {
  dir: string;
  file: string;
  events: SqliteEventStore;
  views: SqliteReadModelStore;
  index: AuditIndex;
  checkpoints: CheckpointService;
  writer: EvidenceBundleWriter;
  signer: EvidenceSigner;
  jwks: Jwks;
  /** Pledge ids: wang's (reviewed, commented) and li's (drafted only). */
  wangPledge: string;
  liPledge: string;
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

const meta = (actorId: string, correlationId = newId(), causationId = correlationId) => ({ bureauId: 'weihai', actorId, actorRole: 'member', correlationId, causationId });
const ev = (type: string, data: unknown, m = meta('system')): NewEvent => ({ type, data, metadata: m });

export async function startAuditFixture(options: { segmentMax?: number; maxEvents?: number } = {}): Promise<AuditFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'pledgebook-audit-'));
  const file = join(dir, 'eventstore.db');
  const events = new SqliteEventStore(file);
  const views = new SqliteReadModelStore(join(dir, 'audit-views.db'));
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwks: Jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'EdDSA', use: 'sig' }] };
  const signer = ed25519Signer(privateKey, 'test-key', jwks);
  const index = new AuditIndex(views);
  const checkpoints = new CheckpointService(events, signer, systemClock, { segmentMax: options.segmentMax ?? 1000 });
  const writer = new EvidenceBundleWriter(events, index, checkpoints, signer, systemClock, { maxEvents: options.maxEvents ?? 10_000 });

  const wangPledge = newId();
  const liPledge = newId();
  await events.append('directory-shandong', [ev('BureauRegistered', { bureauId: 'shandong', name: '山東省統計局', level: 'province' })]);
  await events.append('directory-weihai', [ev('BureauRegistered', { bureauId: 'weihai', name: '威海市統計局', level: 'city', parentBureauId: 'shandong' }), ev('MemberAdded', { memberId: 'wang', name: '王曉東', partyStatus: 'full', joinedOn: '2020-01-01', roles: ['member'] })]);
  const book = (pledgeId: string, memberId: string) => ({ pledgeId, bureauId: 'weihai', year: 2026, pledger: { type: 'individual', memberIds: [memberId] }, branchId: 'branch-1', groupId: 'group-1', items: [{ itemNo: 1, kind: 'common', text: '每月精讀一本理論著作', target: '全年12本' }] });
  const submit = meta('wang', 'click-submit');
  await events.append(`pledge-${wangPledge}`, [ev('PledgeDrafted', book(wangPledge, 'wang'), meta('wang')), ev('PledgeSubmitted', { ...book(wangPledge, 'wang'), round: 1 }, submit)]);
  await events.append(`pledge-${liPledge}`, [ev('PledgeDrafted', book(liPledge, 'li'), meta('li'))]);
  const [submitted] = await events.readStream(`pledge-${wangPledge}`, { from: 1 });
  await events.append('review-facts-weihai', [
    ev('PledgeServiceFactRecorded', { sourceEventId: 'x1', sourceType: 'pledgebook.pledge.pledge-drafted.v1', time: '2026-01-05T00:00:00Z', bureauId: 'weihai', data: book(liPledge, 'li') }),
    ev('PledgeServiceFactRecorded', { sourceEventId: 'x2', sourceType: 'pledgebook.pledge.pledge-drafted.v1', time: '2026-01-05T00:00:00Z', bureauId: 'weihai', data: book(wangPledge, 'wang') }),
  ]);
  await events.append(`review-${wangPledge}`, [
    ev('ReviewRoundOpened', { ...book(wangPledge, 'wang'), round: 1, stage: 'group', decidingBody: 'branch', openedAt: '2026-01-06T00:00:00Z' }, meta('wang', 'click-submit', submitted!.id)),
    ev('GroupCommentAdded', { round: 1, commentId: 'c1', by: 'zhou', text: '第二條目標可以更量化', at: '2026-01-07T00:00:00Z' }, meta('zhou')),
  ]);
  await events.append('appraisal-round-weihai.2026.H1', [
    ev('RoundOpened', { bureauId: 'weihai', year: 2026, half: 'H1', subjects: [{ memberId: 'wang' }, { memberId: 'li' }] }),
    ev('ObjectionRaised', { objectionId: 'o1', memberId: 'wang', raisedAt: '2026-07-01T00:00:00Z', restricted: { objectorId: 'zhou', text: '評分偏高' } }),
  ]);

  const runner = new ProjectionRunner(events, views, auditIndexProjection);
  await runner.start();
  const catchUp = async () => {
    const head = await events.headPosition();
    for (let waited = 0; ((await runner.checkpoint()) ?? 0) < head; waited += 20) {
      if (waited > 10_000) throw new Error('the audit index did not catch up');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await catchUp();
  return {
    dir,
    file,
    events,
    views,
    index,
    checkpoints,
    writer,
    signer,
    jwks,
    wangPledge,
    liPledge,
    catchUp,
    async close() {
      await runner.stop();
      await views.close();
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
