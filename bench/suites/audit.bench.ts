import type { BundleManifest } from '@pledgebook/audit-domain';
import type { NewEvent } from '@pledgebook/event-store';
import { loadOrCreateSigningKey, signAccessToken } from '@pledgebook/gateway-keys';
import { openEventStore } from '@pledgebook/infrastructure';
import { startServiceProcess, type Caller, type Reply } from '@pledgebook/nest/testing';
import { newId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyBundle } from '../../libs/audit/verify-cli/src/verify-bundle';
import { latencyRow, median, percentile, type BenchRow } from '../lib/measure';
import { rawReadRows } from '../lib/raw-sqlite';

const BUREAU = 'bench-audit';
const MEMBERS = 35;
const GROUPS = 4;
const PROGRESS = 110;
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const member = (i: number) => `m${String(i).padStart(3, '0')}`;
const groupOf = (i: number) => `group-${(i % GROUPS) + 1}`;
const branchOf = (i: number) => ((i % GROUPS) + 1 <= GROUPS / 2 ? 'branch-1' : 'branch-2');

/**
 * A bureau's year written the way the services write it (one store, their stream names): per
 * member a pledge book with its progress records, its review, the appraisal and reward services'
 * records of the book's events, monthly checks per group, a selection and grants — about 300
 * events a member, about 10,000 for the bureau.
 */
async function writeBureauYear(file: string): Promise<{ events: number }> {
  const store = await openEventStore(`sqlite:${file}`);
  let events = 0;
  const meta = (actorId: string, actorRole: string, correlationId = newId(), causationId = correlationId) => ({ bureauId: BUREAU, actorId, actorRole, correlationId, causationId });
  const append = async (stream: string, batch: NewEvent[]) => {
    for (let i = 0; i < batch.length; i += 500) await store.append(stream, batch.slice(i, i + 500), { expectedRevision: 'any' });
    events += batch.length;
  };
  await append(`directory-${BUREAU}`, [
    { type: 'BureauRegistered', data: { bureauId: BUREAU, name: '基准统计局', level: 'city' }, metadata: meta('admin', 'system-admin') },
    ...Array.from({ length: MEMBERS }, (_, i) => ({ type: 'MemberAdded', data: { memberId: member(i), name: `成员${i}`, partyStatus: 'full', groupId: groupOf(i), joinedOn: '2015-01-01' }, metadata: meta('admin', 'bureau-admin') })),
  ]);
  for (let i = 0; i < MEMBERS; i += 1) {
    const m = member(i);
    const pledgeId = newId();
    const book = { pledgeId, bureauId: BUREAU, year: YEAR, pledger: { type: 'individual', memberIds: [m] }, branchId: branchOf(i), groupId: groupOf(i), items: [{ itemNo: 1, kind: 'deed', text: '资助一名困难学生', target: '全年2000元' }] };
    const submit = meta(m, 'member');
    await append(`pledge-${pledgeId}`, [
      { type: 'PledgeDrafted', data: book, metadata: meta(m, 'member') },
      { type: 'PledgeSubmitted', data: { ...book, round: 1 }, metadata: submit },
      { type: 'PledgeApproved', data: { pledgeId, round: 1 }, metadata: meta('sec', 'branch-secretary') },
      { type: 'PledgePublished', data: { pledgeId, year: YEAR }, metadata: meta('sec', 'branch-secretary') },
      ...Array.from({ length: PROGRESS }, (_, k) => ({ type: 'ProgressRecorded', data: { pledgeId, recordId: newId(), itemNo: 1, recordedOn: `${YEAR}-${String((k % 12) + 1).padStart(2, '0')}-10`, narrative: '走访资助对象', amountFen: 10_000 }, metadata: meta(m, 'member') })),
    ]);
    await append(`review-${pledgeId}`, [
      { type: 'ReviewRoundOpened', data: { ...book, round: 1, stage: 'group' }, metadata: submit },
      ...Array.from({ length: 16 }, (_, k) => ({ type: 'GroupCommentAdded', data: { round: 1, commentId: `c${k}`, by: 'leader', text: '目标可以更量化', at: `${YEAR}-02-0${(k % 9) + 1}` }, metadata: meta('leader', 'group-leader') })),
      { type: 'GroupForwarded', data: { round: 1 }, metadata: meta('leader', 'group-leader') },
      { type: 'BranchApproved', data: { round: 1, pledgeId }, metadata: meta('sec', 'branch-secretary') },
    ]);
    const recorded = (sourceType: string) => ({ type: 'IntegrationEventRecorded', data: { sourceEventId: newId(), sourceType, subject: `pledges/${pledgeId}`, data: { bureauId: BUREAU, year: YEAR } }, metadata: meta('system', 'system') });
    await append(`appraisal-facts-${BUREAU}`, Array.from({ length: PROGRESS }, () => recorded('pledgebook.pledge.progress-recorded.v1')));
    await append(`reward-facts-${BUREAU}`, Array.from({ length: 40 }, () => recorded('pledgebook.pledge.progress-recorded.v1')));
    await append(`reward-grant-${BUREAU}.${newId()}`, [{ type: 'RewardGranted', data: { grantId: newId(), bureauId: BUREAU, year: YEAR, recipient: { type: 'member', id: m }, ground: 'distinctive-activity', basis: { type: 'activity', id: `a-${i}` }, title: '特色活动', spiritual: ['commendation'] }, metadata: meta('chen', 'leading-group') }]);
  }
  for (let g = 1; g <= GROUPS; g += 1) {
    const inGroup = Array.from({ length: MEMBERS }, (_, i) => i).filter((i) => groupOf(i) === `group-${g}`);
    for (let month = 1; month <= 12; month += 1) {
      const mm = `${YEAR}-${String(month).padStart(2, '0')}`;
      await append(`appraisal-check-${BUREAU}.group-${g}.${mm}`, [{ type: 'MonthlyCheckRecorded', data: { bureauId: BUREAU, groupId: `group-${g}`, month: mm, entries: inGroup.map((i) => ({ memberId: member(i), status: 'on-track' })) }, metadata: meta('leader', 'group-leader') }]);
    }
  }
  await store.close();
  return { events };
}

const seconds = (ms: number) => ms / 1000;

/**
 * The auditor's record over HTTP at the gateway, on a bureau's year written into its store:
 * - a member's year across every service's streams (~300 events, one page) over HTTP, p99,
 *   beside the gateway's /health/live over HTTP;
 * - the export of the bureau's year (~10,000 events: zip, checkpoints, signature) and its
 *   offline verification, each beside a raw read of the same events (SELECT + JSON.parse).
 */
export async function auditBench(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-bench-audit-'));
  try {
    const written = await writeBureauYear(join(dataDir, 'eventstore.db'));
    console.error(`audit: ${written.events.toLocaleString('en')} events of one bureau's year written; starting the gateway and letting its audit index catch up…`);
    const key = await loadOrCreateSigningKey(dataDir);
    // The index is built from the store when the gateway starts: timed from the start of the process.
    const started = performance.now();
    const gateway = await startServiceProcess(join(__dirname, '..', '..', 'apps', 'gateway', 'src', 'main.ts'), {
      dataDir,
      portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
      trustTestKey: false,
      env: { PLEDGEBOOK_ADMIN_PASSWORD: 'Bench-Audit-Admin-1', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn' },
    });
    try {
      const claims = { sub: 'audit-bench', bureauId: BUREAU, roles: ['auditor'] };
      const auditor: Caller = { claims, token: await signAccessToken(key, claims, { ttl: '2h', issuer: 'pledgebook', audience: 'pledgebook' }) };
      const timeline = (i: number) => `/api/v1/audit/bureaus/${BUREAU}/members/${member(i % MEMBERS)}/years/${YEAR}/timeline?limit=500`;
      const head = await readHead(join(dataDir, 'eventstore.db'));
      for (let r: Reply = await gateway.call(auditor, 'GET', timeline(0)); ; r = await gateway.call(auditor, 'GET', timeline(0))) {
        if (r.status !== 200) throw new Error(`timeline: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        if ((r.body as { indexedThrough: number }).indexedThrough >= head) break;
        if (performance.now() - started > 600_000) throw new Error('the audit index did not catch up in 10 minutes');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const indexSeconds = seconds(performance.now() - started);

      // 1. A member's year over HTTP, beside /health/live (interleaved, every member in turn).
      const timelineMs: number[] = [];
      const healthMs: number[] = [];
      let items = 0;
      for (let i = 0; i < 20; i += 1) await gateway.call(auditor, 'GET', timeline(i));
      for (let i = 0; i < 400; i += 1) {
        let t = performance.now();
        const r = await gateway.call(auditor, 'GET', timeline(i));
        timelineMs.push(performance.now() - t);
        if (r.status !== 200 || (r.body as { nextCursor?: string }).nextCursor) throw new Error(`timeline: ${r.status}, not one page`);
        items += (r.body as { items: unknown[] }).items.length;
        t = performance.now();
        await gateway.call(undefined, 'GET', '/health/live');
        healthMs.push(performance.now() - t);
      }

      // 2. The bureau's year exported and verified offline, each beside a raw read of the same events.
      const db = new Database(join(dataDir, 'eventstore.db'), { readonly: true });
      const exportMs: number[] = [];
      const verifyMs: number[] = [];
      const rawMs: number[] = [];
      let manifest: BundleManifest | undefined;
      let bytes = 0;
      let firstExportMs = 0;
      try {
        for (let round = 0; round < 3; round += 1) {
          let t = performance.now();
          const response = await fetch(`${gateway.baseUrl}/api/v1/audit/exports`, { method: 'POST', headers: { authorization: `Bearer ${auditor.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ scope: { kind: 'bureau-year', bureauId: BUREAU, year: YEAR }, reason: 'bench' }) });
          const zip = new Uint8Array(await response.arrayBuffer());
          const took = performance.now() - t;
          if (response.status !== 200) throw new Error(`export: ${response.status} ${new TextDecoder().decode(zip).slice(0, 300)}`);
          if (round === 0) firstExportMs = took;
          exportMs.push(took);
          bytes = zip.length;
          t = performance.now();
          const report = await verifyBundle(zip);
          verifyMs.push(performance.now() - t);
          if (!report.ok) throw new Error(`the bundle does not verify: ${report.problems.join('; ')}`);
          manifest = JSON.parse(new TextDecoder().decode(unzipManifest(zip))) as BundleManifest;
          const streams = manifest.streams.map((s) => s.stream);
          t = performance.now();
          rawReadRows(db, `SELECT data, metadata FROM events WHERE stream IN (${streams.map(() => '?').join(', ')}) ORDER BY stream, revision`, ...streams);
          rawMs.push(performance.now() - t);
        }
      } finally {
        db.close();
      }
      const lines = manifest!.streams.reduce((n, s) => n + s.lines, 0);
      const raw = median(rawMs);
      const note = `${lines.toLocaleString('en')} lines in ${manifest!.streams.length} streams, ${(bytes / 1e6).toFixed(1)} MB zip; median of 3 (first export ${seconds(firstExportMs).toFixed(2)} s, signing the checkpoints of the whole log); raw read ${raw.toFixed(1)} ms`;
      return [
        latencyRow('audit: a member’s year across services over HTTP (~300 events, one page), p99', percentile(timelineMs, 99), percentile(healthMs, 99), 'GET /health/live at the gateway over HTTP, p99', 100, `p50 ${percentile(timelineMs, 50).toFixed(2)} ms; ${(items / 400).toFixed(0)} events a page; 400 requests over ${MEMBERS} members, each recorded in the audit log; gateway started and its audit index built from the store in ${indexSeconds.toFixed(1)} s for ${written.events.toLocaleString('en')} events`),
        secondsRow('audit: export of a bureau’s year (signed zip over HTTP)', median(exportMs), raw, note),
        secondsRow('audit: offline verification of that bundle (signature, chains, manifest, checkpoints)', median(verifyMs), raw, `in-process verifyBundle, as npx pledgebook-verify runs it; ${note}`),
      ];
    } finally {
      await gateway.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function secondsRow(name: string, valueMs: number, rawMs: number, note: string): BenchRow {
  return { name, value: seconds(valueMs), unit: 's', baseline: seconds(rawMs), baselineName: 'raw read of the same events (SELECT + JSON.parse)', ratio: rawMs / valueMs, target: '', note };
}

async function readHead(file: string): Promise<number> {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT max(position) AS p FROM events').get() as { p: number }).p;
  } finally {
    db.close();
  }
}

function unzipManifest(zip: Uint8Array): Uint8Array {
  return unzipSync(zip, { filter: (f) => f.name === 'manifest.json' })['manifest.json']!;
}
