import { GENESIS_HASH, sha256Hex } from '@pledgebook/util';
import { segmentHash } from './checkpoint';
import { anchorFor, AUDIT_LOG_PRUNED, gapProblem, runsToPrune, type RetainedEvent } from './retention';

const h = (n: number) => sha256Hex(`event ${n}`);
/** Entries of one audit log: revision r at position 10 + 3r, recorded on day r of January. */
const entry = (revision: number, type = 'AuditRecordRead'): RetainedEvent => ({ revision, position: 10 + 3 * revision, type, recordedAt: `2026-01-${String(revision + 1).padStart(2, '0')}T00:00:00.000Z`, prevHash: revision === 0 ? GENESIS_HASH : h(revision - 1), hash: h(revision) });
const log = [0, 1, 2, 3, 4, 5].map((r) => entry(r));
const line = (e: RetainedEvent, data?: unknown) => ({ revision: e.revision, prevHash: e.prevHash, hash: e.hash, type: e.type, ...(data ? { data } : {}) });
const options = { recordedBefore: '2026-01-04T00:00:00.000Z', retentionDays: 30, at: '2026-02-03T00:00:00.000Z' };

describe('retention of an audit log', () => {
  it('removes the oldest entries recorded before the cut, in runs that stop at an anchor', () => {
    expect(runsToPrune(log, options.recordedBefore).map((run) => run.map((e) => e.revision))).toEqual([[0, 1, 2]]);
    expect(runsToPrune(log, '2025-12-01T00:00:00.000Z')).toEqual([]);
    // Already pruned once: the anchor (revision 6, long ago here) stays, the runs around it go.
    const later = [entry(3), entry(4), { ...entry(6, AUDIT_LOG_PRUNED), recordedAt: '2026-01-05T00:00:00.000Z' }, { ...entry(7), recordedAt: '2026-01-06T00:00:00.000Z' }];
    expect(runsToPrune(later, '2026-02-01T00:00:00.000Z').map((run) => run.map((e) => e.revision))).toEqual([[3, 4], [7]]);
  });

  it('leaves an anchor that names the run, the hashes either side and the digest the checkpoints signed', () => {
    const anchor = anchorFor('audit-log-weihai', log.slice(0, 3), options);
    expect(anchor).toMatchObject({ action: 'retention', stream: 'audit-log-weihai', firstRevision: 0, throughRevision: 2, count: 3, prevHash: GENESIS_HASH, lastHash: h(2), positions: [10, 13, 16], retentionDays: 30 });
    expect(anchor.digest).toBe(segmentHash([[10, h(0)], [13, h(1)], [16, h(2)]]));
  });

  it('lets a chain verify across a gap its anchor explains, and nothing else', () => {
    const anchor = anchorFor('audit-log-weihai', log.slice(0, 3), options);
    const head = { revision: 6, prevHash: h(5), hash: h(6), type: AUDIT_LOG_PRUNED, data: anchor };
    const kept = [line(log[3]!), line(log[4]!), line(log[5]!), head];
    expect(gapProblem(kept)).toBeUndefined();
    expect(gapProblem(log.map((e) => line(e)))).toBeUndefined();
    // An entry dropped beside the anchored run, or a run dropped without an anchor.
    expect(gapProblem([line(log[4]!), line(log[5]!), head])?.problem).toMatch(/no retention anchor removes revisions 0 to 3/);
    expect(gapProblem([line(log[0]!), line(log[2]!)])?.problem).toMatch(/revision 2 where revision 1 was expected/);
    // An anchor that names another hash than the kept entry links to, or miscounts the run.
    expect(gapProblem([line(log[3]!), line(log[4]!), line(log[5]!), { ...head, data: { ...anchor, lastHash: h(99) } }])?.problem).toMatch(/prevHash does not link/);
    expect(gapProblem([line(log[3]!), line(log[4]!), line(log[5]!), { ...head, data: { ...anchor, count: 2 } }])?.problem).toMatch(/does not count them/);
  });
});
