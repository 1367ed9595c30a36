// Retention of the audit logs on a real embedded store: entries past the retention are removed
// with an anchor left in their place, and the record still checks — the signed checkpoints account
// for every removed position, a bundle carrying the log verifies offline — while an entry removed
// any other way is caught by both.
import { AUDIT_LOG_PRUNED, auditLogStream, type AuditCaller, type Jwks } from '@pledgebook/audit-domain';
import { AuditIndex, auditIndexProjection, AuditLogRecorder, AuditLogRetention, CheckpointService, ed25519Signer, EvidenceBundleWriter } from '@pledgebook/audit-feature/core';
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { ProjectionRunner } from '@pledgebook/read-model';
import { SqliteReadModelStore } from '@pledgebook/read-model-sqlite';
import Database from 'better-sqlite3';
import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyBundle } from './verify-bundle';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-retention-'));
const file = join(dir, 'eventstore.db');
let now = Date.parse('2025-01-10T02:00:00.000Z');
const clock = { now: () => new Date(now) };
const events = new SqliteEventStore(file, { clock });
const views = new SqliteReadModelStore(join(dir, 'audit-views.db'));
const index = new AuditIndex(views);
const runner = new ProjectionRunner(events, views, auditIndexProjection);
const AUDITOR: AuditCaller = { subject: 'audit-p', bureauId: 'shandong', roles: ['auditor'] };
const LOG = auditLogStream('weihai');
let jwks: Jwks;
let checkpoints: CheckpointService;
let retention: AuditLogRetention;
let writer: EvidenceBundleWriter;

async function catchUp(): Promise<void> {
  const head = await events.headPosition();
  for (let waited = 0; ((await runner.checkpoint()) ?? 0) < head; waited += 20) {
    if (waited > 10_000) throw new Error('the audit index did not catch up');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'EdDSA', use: 'sig' }] };
  const signer = ed25519Signer(privateKey, 'test-key', jwks);
  checkpoints = new CheckpointService(events, signer, clock, { segmentMax: 5 });
  retention = new AuditLogRetention(events, index, checkpoints, clock, { retentionDays: 365 });
  writer = new EvidenceBundleWriter(events, index, checkpoints, signer, clock, { maxEvents: 10_000 });
  const meta = { bureauId: 'weihai', actorId: 'system', actorRole: 'system', correlationId: 'setup', causationId: 'setup' };
  await events.append('directory-weihai', [{ type: 'BureauRegistered', data: { bureauId: 'weihai', name: '威海市統計局', level: 'city' }, metadata: meta }]);
  const recorder = new AuditLogRecorder(events, clock);
  const read = (n: number) => recorder.record({ bureauId: 'weihai', action: 'timeline', target: `member m${n} of weihai, 2025`, caller: AUDITOR, request: 'GET /api/v1/audit/…', correlationId: `read-${n}`, outcome: { events: n } });
  // Six reads in January 2025 (other events between them), four in 2026.
  for (let n = 0; n < 6; n += 1) {
    now += 86_400_000;
    await read(n);
    await events.append('directory-weihai', [{ type: 'MemberAdded', data: { memberId: `m${n}`, name: `成員${n}` }, metadata: meta }]);
  }
  now = Date.parse('2026-03-01T02:00:00.000Z');
  for (let n = 6; n < 10; n += 1) {
    now += 86_400_000;
    await read(n);
  }
  now = Date.parse('2026-03-20T02:00:00.000Z');
  await runner.start();
  await catchUp();
}, 30_000);

afterAll(async () => {
  await runner.stop();
  await views.close();
  await events.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retention of the audit logs', () => {
  it('removes the entries older than the retention and leaves an anchor in their place', async () => {
    expect(retention.enabled).toBe(true);
    const before = await events.readStream(LOG);
    const result = await retention.prune();
    expect(result).toEqual({ streams: 1, anchors: 1, removed: 6, recordedBefore: '2025-03-20T02:00:00.000Z' });
    const kept = await events.readStream(LOG);
    expect(kept.map((e) => [e.revision, e.type])).toEqual([[6, 'AuditRecordRead'], [7, 'AuditRecordRead'], [8, 'AuditRecordRead'], [9, 'AuditRecordRead'], [10, AUDIT_LOG_PRUNED]]);
    expect(kept[4]!.data).toMatchObject({ firstRevision: 0, throughRevision: 5, count: 6, lastHash: before[5]!.hash, prevHash: before[0]!.prevHash, positions: before.slice(0, 6).map((e) => e.position), retentionDays: 365 });
    // Run again: nothing more is old enough; the anchor stays for ever.
    expect(await retention.prune()).toMatchObject({ anchors: 0, removed: 0 });
    // The directory's events, as old, are no audit log's: untouched.
    expect(await events.readStream('directory-weihai')).toHaveLength(7);
  });

  it('keeps the signed checkpoints whole: each removed position is accounted for by the anchor', async () => {
    await checkpoints.ensureUpTo(await events.headPosition());
    expect(await checkpoints.verifyAll()).toMatchObject({ ok: true });
  });

  it('exports the log with its anchor, and the bundle verifies offline across the gap', async () => {
    await catchUp();
    const { zip, manifest } = await writer.build({ scope: { kind: 'bureau-year', bureauId: 'weihai', year: 2026 }, caller: AUDITOR, bureauId: 'weihai', includeAuditLog: true });
    expect(manifest.streams.find((s) => s.stream === LOG)).toMatchObject({ lines: 5, lastRevision: 10 });
    const report = await verifyBundle(zip, { trustedKeys: jwks });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('catches an entry removed without an anchor, in the checkpoints and in a bundle', async () => {
    const db = new Database(file);
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 7').run(LOG);
    } finally {
      db.close();
    }
    const verified = await checkpoints.verifyAll();
    expect(verified).toMatchObject({ ok: false, firstMismatch: { problem: 'missing from the store' } });
    const { zip } = await writer.build({ scope: { kind: 'bureau-year', bureauId: 'weihai', year: 2026 }, caller: AUDITOR, bureauId: 'weihai', includeAuditLog: true });
    const report = await verifyBundle(zip, { trustedKeys: jwks });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/audit-log-weihai: revision 8.*no retention anchor removes revisions 7 to 7/);
  });
});
