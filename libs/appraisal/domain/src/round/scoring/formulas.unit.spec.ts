import type { ItemStatus, ItemStatusFact } from '../../shared/statuses';
import { EXAMPLE_SCHEME } from '../../scheme/example-scheme';
import type { ComputedCriterion } from '../../scheme/types';
import type { SubjectFacts } from './facts';
import { scoreComputed, scoreComputedToStore } from './formulas';
import { storeComputedScore } from './stored-score';

const criterion = (id: string) => EXAMPLE_SCHEME.criteria.find((c) => c.id === id) as ComputedCriterion;
const H1 = { year: 2026, half: 'H1' as const, schemeVersion: 2 };
const status = (eventId: string, month: string, itemNo: number, s: ItemStatus): ItemStatusFact => ({ eventId, groupId: 'group-1', month, memberId: 'sun', pledgeId: 'p', itemNo, status: s });

// Items: 1 due Q1, 2 due Q2, 3 a deed due Q4, 4 due by the year's end.
const facts: SubjectFacts = {
  items: [
    { pledgeId: 'p', itemNo: 1, kind: 'common', dueQuarter: 1 },
    { pledgeId: 'p', itemNo: 2, kind: 'position', dueQuarter: 2 },
    { pledgeId: 'p', itemNo: 3, kind: 'deed', dueQuarter: 4 },
    { pledgeId: 'p', itemNo: 4, kind: 'common' },
  ],
  statuses: [
    status('ev-1', '2026-01', 1, 'on-track'),
    status('ev-1', '2026-01', 2, 'on-track'),
    status('ev-1', '2026-01', 3, 'not-started'),
    status('ev-1', '2026-01', 4, 'not-started'),
    status('ev-3', '2026-03', 1, 'done'),
    status('ev-3', '2026-03', 2, 'on-track'),
    status('ev-3', '2026-03', 3, 'on-track'),
    status('ev-3', '2026-03', 4, 'not-started'),
    status('ev-6', '2026-06', 1, 'done'),
    status('ev-6', '2026-06', 2, 'behind'),
    status('ev-6', '2026-06', 3, 'on-track'),
    status('ev-6', '2026-06', 4, 'not-started'),
    status('ev-6c', '2026-06', 2, 'on-track'),
    status('ev-7', '2026-07', 4, 'done'),
  ],
  records: [
    { eventId: 'ev-r1', recordId: 'r1', pledgeId: 'p', itemNo: 3, recordedOn: '2026-02-01' },
    { eventId: 'ev-r2', recordId: 'r2', pledgeId: 'p', itemNo: 3, recordedOn: '2026-04-01' },
    { eventId: 'ev-r3', recordId: 'r3', pledgeId: 'p', itemNo: 3, recordedOn: '2026-04-02', corrects: 'r2' },
    { eventId: 'ev-r4', recordId: 'r4', pledgeId: 'p', itemNo: 1, recordedOn: '2026-03-01' },
    { eventId: 'ev-r5', recordId: 'r5', pledgeId: 'p', itemNo: 3, recordedOn: '2026-07-05' },
  ],
  talks: [
    { eventId: 'ev-t1', talkId: 't1', year: 2026, quarter: 1 },
    { eventId: 'ev-t2', talkId: 't2', year: 2026, quarter: 2 },
    { eventId: 'ev-t3', talkId: 't3', year: 2026, quarter: 3 },
    { eventId: 'ev-t0', talkId: 't0', year: 2025, quarter: 2 },
  ],
};

describe('computed criteria (the formula catalogue)', () => {
  it('items-fulfilled-ratio: done, or on track while not yet due, by the half’s end', () => {
    const score = scoreComputed(criterion('items'), facts, H1);
    expect(score).toMatchObject({
      criterionId: 'items',
      schemeVersion: 2,
      formula: 'items-fulfilled-ratio',
      maxPoints: 30,
      points: 15,
      inputs: { items: 4, dueByHalfEnd: 2, done: 1, onTrackNotDue: 1, fulfilled: 2, unchecked: 0 },
      sourceEventIds: ['ev-6', 'ev-6c'],
    });
    expect(score.rule).toContain('fulfilled');
  });

  it('items-fulfilled-ratio in H2 counts every item as due, and later checks', () => {
    expect(scoreComputed(criterion('items'), facts, { ...H1, half: 'H2' })).toMatchObject({ points: 15, inputs: { done: 2, dueByHalfEnd: 4 } });
    expect(scoreComputed(criterion('items'), { ...facts, statuses: [] }, H1)).toMatchObject({ points: 0, inputs: { unchecked: 4 } });
    expect(scoreComputed(criterion('items'), { ...facts, items: [] }, H1).points).toBe(0);
  });

  it('monthly-checks-on-track-ratio: statuses done or on track over all the half’s statuses, corrections replacing', () => {
    expect(scoreComputed(criterion('checks'), facts, H1)).toMatchObject({
      points: 10,
      inputs: { statuses: 12, doneOrOnTrack: 8, monthsChecked: 3 },
      sourceEventIds: ['ev-1', 'ev-3', 'ev-6', 'ev-6c'],
    });
    expect(scoreComputed(criterion('checks'), facts, { ...H1, half: 'H2' })).toMatchObject({ points: 15, sourceEventIds: ['ev-7'] });
    expect(scoreComputed(criterion('checks'), { ...facts, statuses: [] }, H1)).toMatchObject({ points: 0, inputs: { statuses: 0 } });
  });

  it('deeds-recorded-count: deed records in the half, a corrected record once, capped at the maximum', () => {
    expect(scoreComputed(criterion('deeds'), facts, H1)).toMatchObject({ points: 10, inputs: { deeds: 2, pointsPerDeed: 5 }, sourceEventIds: ['ev-r1', 'ev-r3'] });
    expect(scoreComputed({ ...criterion('deeds'), params: { pointsPerDeed: 3 } }, facts, H1).points).toBe(6);
    expect(scoreComputed({ ...criterion('deeds'), params: { pointsPerDeed: 3 } }, facts, { ...H1, half: 'H2' })).toMatchObject({ points: 3, sourceEventIds: ['ev-r5'] });
  });

  it('deeds-recorded-count: two corrections of one record count once, and a chain counts its last link', () => {
    const deed = { pledgeId: 'p', itemNo: 3 };
    const records = [
      { eventId: 'ev-a', recordId: 'a', ...deed, recordedOn: '2026-03-01' },
      { eventId: 'ev-b', recordId: 'b', ...deed, recordedOn: '2026-03-02', corrects: 'a' },
      { eventId: 'ev-c', recordId: 'c', ...deed, recordedOn: '2026-03-03', corrects: 'a' },
      { eventId: 'ev-d', recordId: 'd', ...deed, recordedOn: '2026-04-01' },
      { eventId: 'ev-e', recordId: 'e', ...deed, recordedOn: '2026-04-02', corrects: 'd' },
      { eventId: 'ev-f', recordId: 'f', ...deed, recordedOn: '2026-07-02', corrects: 'e' },
    ];
    // Line a ends with c (March); line d ends with f, moved into July: outside H1.
    expect(scoreComputed(criterion('deeds'), { ...facts, records }, H1)).toMatchObject({ inputs: { deeds: 1, correctedRecords: 4 }, sourceEventIds: ['ev-c'] });
    expect(scoreComputed(criterion('deeds'), { ...facts, records }, { ...H1, half: 'H2' })).toMatchObject({ inputs: { deeds: 1 }, sourceEventIds: ['ev-f'] });
  });

  it('reminder-talks-deduction: points off per talk needed in the half, never below zero', () => {
    expect(scoreComputed(criterion('talks'), facts, H1)).toMatchObject({ points: 0, inputs: { talks: 2, pointsPerTalk: 2.5 }, sourceEventIds: ['ev-t1', 'ev-t2'] });
    expect(scoreComputed(criterion('talks'), facts, { ...H1, half: 'H2' }).points).toBe(2.5);
    expect(scoreComputed({ ...criterion('talks'), params: { pointsPerTalk: 1 } }, { ...facts, talks: [...facts.talks, facts.talks[0]!] }, H1).points).toBe(3);
    expect(scoreComputed({ ...criterion('talks'), params: { pointsPerTalk: 4 } }, facts, H1).points).toBe(0);
  });

  it('stores what the explained score would store, criterion by criterion and half by half', () => {
    const computed = EXAMPLE_SCHEME.criteria.filter((c): c is ComputedCriterion => c.source === 'computed');
    expect(computed.length).toBeGreaterThan(0);
    for (const period of [H1, { ...H1, half: 'H2' as const }]) {
      for (const c of computed) expect(JSON.stringify(scoreComputedToStore(c, facts, period))).toBe(JSON.stringify(storeComputedScore(scoreComputed(c, facts, period))));
    }
  });
});
