import { RECORDED_TYPES } from './facts';
import { plansFor } from './plan';

describe('which fact reminds whom', () => {
  it('a returned book reminds its pledgers, naming the items to revise', () => {
    const plans = plansFor({
      source: 'bus',
      type: RECORDED_TYPES.pledgeReturned,
      data: { pledgeId: 'p1', reviewId: 'p1', round: 2, stage: 'branch', verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 3, verdict: 'revise', reason: '目標不具體' }], decidedBy: 'zhao', decidedAt: 'x' },
    });
    expect(plans).toEqual([{ kind: 'book-returned', audience: { type: 'pledgers', pledgeId: 'p1' }, content: { pledgeId: 'p1', round: 2, stage: 'branch', itemNos: [3] } }]);
    // No reason text travels: the reader opens the book for it.
    expect(JSON.stringify(plans)).not.toContain('目標不具體');
  });

  it('a notice period starting reminds everyone in the bureau', () => {
    expect(plansFor({ source: 'bus', type: RECORDED_TYPES.resultsOnNotice, data: { year: 2026, half: 'H1', startsOn: '2026-07-06', endsOn: '2026-07-10', members: 3 } })).toEqual([
      { kind: 'notice-started', audience: { type: 'bureau' }, content: { year: 2026, half: 'H1', startsOn: '2026-07-06', endsOn: '2026-07-10' } },
    ]);
  });

  it('directory facts and checks recorded remind nobody', () => {
    expect(plansFor({ source: 'bus', type: RECORDED_TYPES.memberAdded, data: { memberId: 'li' } })).toEqual([]);
    expect(plansFor({ source: 'bus', type: RECORDED_TYPES.monthlyCheckRecorded, data: {} })).toEqual([]);
    expect(plansFor({ source: 'service', fact: { fact: 'talk-closed', talkId: 't' } })).toEqual([]);
  });

  it('a talk scheduled reminds the member and the branch secretaries; overdue, the secretaries', () => {
    const due = plansFor({ source: 'service', fact: { fact: 'talk-scheduled', talkId: 't1', memberId: 'li', branchId: 'b1', dueOn: '2026-04-15' } });
    expect(due.map((p) => [p.kind, p.audience])).toEqual([
      ['talk-due', { type: 'members', memberIds: ['li'] }],
      ['talk-due', { type: 'role', role: 'branch-secretary', branchId: 'b1' }],
    ]);
    const overdue = plansFor({ source: 'due', fact: { due: 'talk-overdue', talkId: 't1', memberId: 'li', branchId: 'b1', dueOn: '2026-04-15' } });
    expect(overdue).toEqual([{ kind: 'talk-overdue', audience: { type: 'role', role: 'branch-secretary', branchId: 'b1' }, content: { talkId: 't1', memberId: 'li', branchId: 'b1', dueOn: '2026-04-15' } }]);
  });

  it('an objection decided reminds the member whose result it concerned, never naming the objector', () => {
    expect(plansFor({ source: 'service', fact: { fact: 'objection-decided', objectionId: 'o1', memberId: 'li', outcome: 'upheld', year: 2026, half: 'H1' } })).toEqual([
      { kind: 'objection-decided', audience: { type: 'members', memberIds: ['li'] }, content: { objectionId: 'o1', outcome: 'upheld', year: 2026, half: 'H1' } },
    ]);
  });

  it('an overdue review reminds whoever holds its stage', () => {
    const base = { due: 'review-overdue' as const, pledgeId: 'p1', round: 1, since: '2026-03-01T00:00:00Z', days: 7, groupId: 'g1', branchId: 'b1' };
    expect(plansFor({ source: 'due', fact: { ...base, stage: 'group' } })[0]!.audience).toEqual({ type: 'role', role: 'group-leader', groupId: 'g1' });
    expect(plansFor({ source: 'due', fact: { ...base, stage: 'branch' } })[0]!.audience).toEqual({ type: 'role', role: 'branch-secretary', branchId: 'b1' });
    expect(plansFor({ source: 'due', fact: { due: 'review-overdue', pledgeId: 'p2', round: 1, since: base.since, days: 14, stage: 'branch' } })[0]!.audience).toEqual({ type: 'role', role: 'leading-group' });
  });

  it('a check due reminds the group’s leaders', () => {
    expect(plansFor({ source: 'due', fact: { due: 'check-due', groupId: 'g1', month: '2026-03' } })).toEqual([
      { kind: 'check-due', audience: { type: 'role', role: 'group-leader', groupId: 'g1' }, content: { groupId: 'g1', month: '2026-03' } },
    ]);
  });
});
