import { progress, roster, statuses } from './quarter.fixtures';
import { findMembersBehind, summarizeQuarter, type QuarterFacts } from './quarter-summary';

const facts: QuarterFacts = { year: 2026, quarter: 1, roster, groupIds: ['group-1', 'group-2'], statuses, progress };

describe('quarter summary', () => {
  it('finds members with an item behind or an item due this quarter not done', () => {
    expect(findMembersBehind(facts)).toEqual([
      {
        memberId: 'zheng',
        items: [
          { pledgeId: 'p-zheng', itemNo: 1, status: 'behind', reason: 'behind' },
          { pledgeId: 'p-zheng', itemNo: 2, status: 'on-track', reason: 'due-not-done' },
        ],
      },
    ]);
  });

  it('takes a correction over the check it corrects, and ignores later months', () => {
    expect(findMembersBehind(facts).map((m) => m.memberId)).not.toContain('sun');
    expect(findMembersBehind({ ...facts, quarter: 2 }).map((m) => m.memberId)).toEqual([]);
  });

  it('counts an item due this quarter that no check recorded as not done', () => {
    const unchecked = { ...facts, roster: [{ memberId: 'qin', items: [{ pledgeId: 'p-qin', itemNo: 1, dueQuarter: 1 as const }] }], statuses: [] };
    expect(findMembersBehind(unchecked)).toEqual([{ memberId: 'qin', items: [{ pledgeId: 'p-qin', itemNo: 1, reason: 'due-not-done' }] }]);
  });

  it('sums up the quarter: latest statuses, missing checks, progress, items due', () => {
    expect(summarizeQuarter(facts)).toEqual({
      members: 3,
      items: 5,
      statusCounts: { done: 1, 'on-track': 3, behind: 1, 'not-started': 0 },
      unchecked: 0,
      checks: { expected: 6, held: 5, missing: [{ groupId: 'group-2', month: '2026-02' }] },
      progressRecords: 2,
      membersWithProgress: 1,
      dueThisQuarter: 2,
      dueDone: 1,
      membersBehind: 1,
    });
  });

  it('sums up a quarter without any check', () => {
    expect(summarizeQuarter({ ...facts, statuses: [], progress: [] })).toMatchObject({
      unchecked: 5,
      checks: { expected: 6, held: 0 },
      progressRecords: 0,
      membersBehind: 2,
    });
  });
});
