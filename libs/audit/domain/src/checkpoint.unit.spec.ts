import { GENESIS_HASH, sha256Hex } from '@pledgebook/util';
import { checkpointChainProblem, nextCheckpoint, segmentProblem, type SegmentEntry } from './checkpoint';

const h = (n: number) => sha256Hex(String(n));
const first: SegmentEntry[] = [[1, h(1)], [2, h(2)], [5, h(5)]];
const second: SegmentEntry[] = [[6, h(6)], [9, h(9)]];

describe('checkpoints of the global log', () => {
  const one = nextCheckpoint(undefined, first, '2026-01-01T00:00:00.000Z', 'k');
  const two = nextCheckpoint(one, second, '2026-01-02T00:00:00.000Z', 'k');

  it('chain from the genesis hash, each covering the events after the previous one', () => {
    expect(one).toMatchObject({ seq: 1, fromPosition: 0, toPosition: 5, events: 3, previousHash: GENESIS_HASH });
    expect(two).toMatchObject({ seq: 2, fromPosition: 5, toPosition: 9, events: 2, previousHash: one.runningHash });
    expect(two.runningHash).toBe(sha256Hex(one.runningHash + two.segmentHash));
    expect(checkpointChainProblem([one, two])).toBeUndefined();
  });

  it('names a checkpoint that does not continue the one before it', () => {
    expect(checkpointChainProblem([two])).toMatch(/expected checkpoint 1/);
    expect(checkpointChainProblem([one, { ...two, previousHash: GENESIS_HASH }])).toMatch(/checkpoint 2: previousHash/);
    expect(checkpointChainProblem([one, { ...two, segmentHash: h(0) }])).toMatch(/runningHash/);
  });

  it('refuses segment entries that differ from what was signed', () => {
    expect(segmentProblem(one, first)).toBeUndefined();
    expect(segmentProblem(one, [[1, h(1)], [2, h(3)], [5, h(5)]])).toMatch(/do not hash/);
    expect(segmentProblem(one, [[2, h(2)], [1, h(1)], [5, h(5)]])).toMatch(/out of order/);
    expect(segmentProblem(one, first.slice(1))).toMatch(/2 entries/);
  });
});
