import { DEFAULT_RATING_PERCENT } from '../../scheme/defaults';
import type { DemocraticCriterion } from '../../scheme/types';
import { scoreDemocratic } from './democratic';

const criterion: DemocraticCriterion = { id: 'democratic', label: '民主测评', maxPoints: 20, source: 'entered', kind: 'democratic-evaluation', weights: { self: 10, peers: 40, masses: 50 } };
const pct = DEFAULT_RATING_PERCENT;

describe('democratic evaluation score', () => {
  it('weights each source’s average rating', () => {
    // self 好 100; peers (2×好 + 1×较好)/3 = 93.33; masses (6×好 + 2×一般 + 2×差)/10 = 72.
    const score = scoreDemocratic(criterion, { self: 'good', peers: { good: 2, fair: 1, average: 0, poor: 0 }, masses: { good: 6, fair: 0, average: 2, poor: 2 } }, pct, 3)!;
    // 20 × (10×100 + 40×93.333 + 50×72) / (100×100) = 16.67
    expect(score).toMatchObject({ criterionId: 'democratic', schemeVersion: 3, source: 'democratic', points: 16.67, maxPoints: 20 });
    expect(score.inputs).toMatchObject({ selfVotes: 1, selfRating: '好', peersVotes: 3, peersAverage: 93.33, massesVotes: 10, massesAverage: 72, weightUsed: 100 });
  });

  it('gives a source without votes’ weight to the others', () => {
    // Only peers: all 较好 → 80% of 20.
    expect(scoreDemocratic(criterion, { peers: { good: 0, fair: 4, average: 0, poor: 0 } }, pct, 1)!.points).toBe(16);
    expect(scoreDemocratic(criterion, { peers: { good: 0, fair: 4, average: 0, poor: 0 }, masses: { good: 0, fair: 0, average: 0, poor: 0 } }, pct, 1)!.inputs.weightUsed).toBe(40);
  });

  it('cannot score without any vote from a weighted source', () => {
    expect(scoreDemocratic(criterion, {}, pct, 1)).toBeUndefined();
    expect(scoreDemocratic({ ...criterion, weights: { self: 0, peers: 50, masses: 50 } }, { self: 'good' }, pct, 1)).toBeUndefined();
  });

  it('uses the scheme’s rating percents', () => {
    expect(scoreDemocratic(criterion, { self: 'average' }, { good: 100, fair: 90, average: 50, poor: 0 }, 1)!.points).toBe(10);
  });
});
