// Signed checkpoints of the global log against history rewritten in the store file: the stream's
// own chain is made consistent again, so per-stream verification passes; the checkpoints do not.
import type { SignedCheckpoint } from '@pledgebook/audit-domain';
import { CheckpointService } from '@pledgebook/audit-feature/core';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@pledgebook/event-store';
import { systemClock } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDITOR, startAuditFixture, type AuditFixture } from './testing/bundle-fixture';
import { verifyBundle } from './verify-bundle';

let f: AuditFixture;
beforeAll(async () => {
  f = await startAuditFixture({ segmentMax: 4 });
});
afterAll(() => f?.close());

const BIN = join(__dirname, '..', 'bin', 'pledgebook-verify.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

/** Edits one event's data in the SQLite file and rewrites its stream's chain from there, as a forger with the file would. */
function rewriteHistory(file: string, stream: string, revision: number, change: (data: Record<string, unknown>) => Record<string, unknown>): void {
  const db = new Database(file);
  try {
    const rows = db.prepare('SELECT id, stream, revision, type, schema_version, data, metadata, recorded_at, hash FROM events WHERE stream = ? ORDER BY revision').all(stream) as Array<Record<string, string | number>>;
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      const data = row.revision === revision ? change(JSON.parse(String(row.data))) : JSON.parse(String(row.data));
      const event = { id: String(row.id), stream, revision: Number(row.revision), type: String(row.type), schemaVersion: Number(row.schema_version), data, metadata: JSON.parse(String(row.metadata)), recordedAt: String(row.recorded_at) } as RecordedEvent;
      const hash = eventHash(prevHash, event);
      db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE stream = ? AND revision = ?').run(JSON.stringify(data), prevHash, hash, stream, row.revision);
      prevHash = hash;
    }
    db.prepare('UPDATE streams SET hash = ? WHERE stream = ?').run(prevHash, stream);
  } finally {
    db.close();
  }
}

describe('checkpoints of the global log', () => {
  let held: SignedCheckpoint;
  let before: Uint8Array;

  it('are signed in segments, by one writer at a time, and verify against the store', async () => {
    const other = new CheckpointService(f.events, f.signer, systemClock, { segmentMax: 4 });
    const head = await f.events.headPosition();
    await Promise.all([f.checkpoints.ensureUpTo(head), other.ensureUpTo(head)]);
    held = (await f.checkpoints.latest())!;
    expect(held.body.toPosition).toBeGreaterThanOrEqual(head);
    const seqs = (await f.checkpoints.list(0, 100)).map((c) => c.body.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.length).toBeGreaterThanOrEqual(Math.ceil(head / 4));
    expect(await f.checkpoints.verifyAll()).toMatchObject({ ok: true, checkpoints: seqs.length });
    ({ zip: before } = await f.writer.build({ scope: { kind: 'pledge', pledgeId: f.wangPledge }, caller: AUDITOR, bureauId: 'weihai', includeAuditLog: false }));
    expect((await verifyBundle(before, { trustedKeys: f.jwks, heldCheckpoint: held })).proves.join('\n')).toContain(`the one in the checkpoint you hold (checkpoint ${held.body.seq}`);
  });

  it('catch history rewritten in the store file although the stream’s own chain verifies', async () => {
    const stream = `pledge-${f.wangPledge}`;
    rewriteHistory(f.file, stream, 0, (data) => ({ ...data, items: [{ itemNo: 1, kind: 'common', text: '每年讀一本書', target: '全年1本' }] }));
    expect(await f.events.verifyStream(stream)).toMatchObject({ ok: true });
    const [drafted] = await f.events.readStream(stream, { maxCount: 1 });
    expect(await f.checkpoints.verifyAll()).toMatchObject({ ok: false, firstMismatch: { stream, revision: 0, position: drafted!.position, problem: 'its hash differs from the signed one' } });

    const { zip: after } = await f.writer.build({ scope: { kind: 'pledge', pledgeId: f.wangPledge }, caller: AUDITOR, bureauId: 'weihai', includeAuditLog: false });
    const report = await verifyBundle(after, { trustedKeys: f.jwks, heldCheckpoint: held });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.stringMatching(new RegExp(`stream ${stream}, revision 0, event ${drafted!.id}, PledgeDrafted: its hash differs from the one signed in checkpoint \\d+ .* history was changed after that checkpoint`)));
  });

  it('is what the CLI checks offline: exit 0 with what it proves, 1 naming the event, 2 on a usage error', async () => {
    const good = join(f.dir, 'good.zip');
    writeFileSync(good, before);
    writeFileSync(join(f.dir, 'jwks.json'), JSON.stringify(f.jwks));
    writeFileSync(join(f.dir, 'held.json'), JSON.stringify(held));
    const ok = cli(good, '--key', join(f.dir, 'jwks.json'), '--checkpoint', join(f.dir, 'held.json'));
    expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: '' });
    expect(ok.stdout).toContain(`VERIFIED ${good}`);
    expect(ok.stdout).toContain('What this proves:');

    const { zip: after } = await f.writer.build({ scope: { kind: 'pledge', pledgeId: f.wangPledge }, caller: AUDITOR, bureauId: 'weihai', includeAuditLog: false });
    writeFileSync(join(f.dir, 'after.zip'), after);
    const bad = cli(join(f.dir, 'after.zip'), '--checkpoint', join(f.dir, 'held.json'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAILED .*after\.zip[\s\S]*✗ stream pledge-[0-9a-f-]+, revision 0, event [0-9a-f-]+, PledgeDrafted: its hash differs/);
    expect(cli().status).toBe(2);
    expect(cli(join(f.dir, 'missing.zip')).stderr).toMatch(/no such file|ENOENT/);
  });
});
