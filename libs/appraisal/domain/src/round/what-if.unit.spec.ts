import { EXAMPLE_SCHEME } from '../scheme/example-scheme';
import type { SchemeContent } from '../scheme/types';
import { explainResult } from './explain';
import { fold, scoredEvents } from './round.fixtures';
import type { SubjectFacts } from './scoring/facts';
import { whatIf } from './what-if';

const facts: SubjectFacts = {
  items: [{ pledgeId: 'p', itemNo: 1, kind: 'deed', dueQuarter: 2 }],
  statuses: [{ eventId: 'ev-c1', groupId: 'group-1', month: '2026-05', memberId: 'x', pledgeId: 'p', itemNo: 1, status: 'done' }],
  records: [{ eventId: 'ev-r1', recordId: 'r1', pledgeId: 'p', itemNo: 1, recordedOn: '2026-05-02' }],
  talks: [],
};
const allFacts = Object.fromEntries(['li', 'qin', 'sun', 'wu', 'zheng'].map((m) => [m, facts]));

// Version 2: no quota, no 有特色, its 5 points moved to the items criterion, a lower 优秀 threshold.
const v2: SchemeContent = {
  ...EXAMPLE_SCHEME,
  criteria: EXAMPLE_SCHEME.criteria.filter((c) => c.id !== 'distinct').map((c) => (c.id === 'items' ? { ...c, maxPoints: 35 } : c)),
  bands: [{ grade: 'excellent', minPoints: 85 }, ...EXAMPLE_SCHEME.bands.slice(1)],
  topGradeQuota: undefined,
};

describe('what-if under another scheme version', () => {
  it('re-runs the round under the other version without touching the official one', () => {
    const state = fold(scoredEvents());
    const before = JSON.stringify(state);
    const result = whatIf({ round: state, scheme: { version: 2, content: v2 }, facts: allFacts });
    expect(JSON.stringify(state)).toBe(before);
    expect(result.schemeVersion).toBe(2);
    expect(result.missingFacts).toEqual([]);
    expect(result.quota).toBeUndefined();
    // Every member: facts give items 35, checks 15, deeds 5 (1 deed), talks 5; group as entered; democratic 20.
    const sun = result.results.find((r) => r.memberId === 'sun')!;
    expect(sun).toMatchObject({ points: 95, grade: 'excellent', gradeReason: 'band' });
    expect(sun.sheet.criteria.map((c) => [c.criterionId, c.points, c.schemeVersion])).toEqual([
      ['items', 35, 2],
      ['checks', 15, 2],
      ['deeds', 5, 2],
      ['talks', 5, 2],
      ['group', 15, 2],
      ['democratic', 20, 2],
    ]);
    expect(result.results.find((r) => r.memberId === 'qin')).toMatchObject({ points: 92, grade: 'excellent' });
  });

  it('lists subjects without facts and leaves their computed criteria missing', () => {
    const result = whatIf({ round: fold(scoredEvents()), scheme: { version: 2, content: v2 }, facts: { sun: facts } });
    expect(result.missingFacts).toEqual(['li', 'qin', 'wu', 'zheng']);
    expect(result.results.find((r) => r.memberId === 'wu')!.sheet.missing).toEqual(['items', 'checks', 'deeds', 'talks']);
  });

  it('caps carried-over scores and adjustments at the other version’s maxima', () => {
    const smallGroup: SchemeContent = {
      ...EXAMPLE_SCHEME,
      criteria: EXAMPLE_SCHEME.criteria.map((c) => (c.id === 'group' ? { ...c, maxPoints: 10 } : c.id === 'items' ? { ...c, maxPoints: 35 } : c)),
    };
    const sun = whatIf({ round: fold(scoredEvents()), scheme: { version: 3, content: smallGroup }, facts: allFacts }).results.find((r) => r.memberId === 'sun')!;
    expect(sun.sheet.criteria.find((c) => c.criterionId === 'group')).toMatchObject({ points: 10, maxPoints: 10 });
  });
});

describe('explaining a result', () => {
  it('shows every line, the bands with their labels and the quota’s say', () => {
    const explanation = explainResult(fold(scoredEvents()), 'zheng')!;
    expect(explanation).toMatchObject({ memberId: 'zheng', schemeVersion: 1, grade: 'qualified', gradeLabel: '合格', gradeReason: 'quota' });
    expect(explanation.quota).toEqual({ maxPercent: 20, limit: 1, rank: 2, granted: false, tiedAtCut: false });
    expect(explanation.bands[0]).toEqual({ grade: 'excellent', minPoints: 90, label: '优秀' });
    expect(explanation.sheet).toMatchObject({ criteriaPoints: 95, bonusPoints: 0, deductionPoints: 0, points: 95, missing: [] });
    expect(explanation.sheet.criteria.find((c) => c.criterionId === 'democratic')).toMatchObject({ source: 'democratic', points: 20, inputs: { selfVotes: 1, peersVotes: 2, massesVotes: 10 } });
    expect(explanation.result).toBeUndefined();
  });

  it('adds bonuses and takes deductions, never below zero, and shows a veto', () => {
    const events = [
      ...scoredEvents(),
      { type: 'BonusAwarded', data: { memberId: 'qin', bonusId: 'research-award', points: 5, reason: '调研报告获奖', by: 'qian', at: 'x' } },
      { type: 'DeductionRecorded', data: { memberId: 'qin', deductionId: 'work-discipline', points: 2, reason: '迟报', by: 'qian', at: 'x' } },
      { type: 'VetoRecorded', data: { memberId: 'li', vetoId: 'discipline-case', reason: '受到处分', by: 'qian', at: 'x' } },
    ] as Parameters<typeof fold>[0];
    const qin = explainResult(fold(events), 'qin')!;
    expect(qin.sheet).toMatchObject({ criteriaPoints: 74, bonusPoints: 5, deductionPoints: 2, points: 77 });
    expect(qin.grade).toBe('qualified');
    const li = explainResult(fold(events), 'li')!;
    expect(li).toMatchObject({ grade: 'unqualified', gradeLabel: '不合格', gradeReason: 'veto' });
    expect(li.sheet.vetoes).toEqual([{ id: 'discipline-case', label: '受到党纪政纪处分', reason: '受到处分', by: 'qian' }]);
    expect(explainResult(fold(events), 'chen')).toBeUndefined();
  });
});
