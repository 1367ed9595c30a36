import { decideReview } from './decide';
import { evolveReview } from './evolve';
import { decideDeadlines, isOverdue } from './publication';
import { allApproved, AT, branchReturned, decideAtBranch, forwarded, given, LEADING_GROUP, meeting, open, opened, otherSecretary, wang, zhao, zheng, zhou } from './testing/review.fixtures';
import { initialReviewState } from './state';

describe('review decider', () => {
  describe('opening rounds', () => {
    it('opens the first round at the party group', () => given([]).when(open()).then([opened()]));
    it('sends collective pledges straight to the branch stage, and the leadership team’s to the leading party group', () => {
      const branchBook = { type: 'collective' as const, memberIds: [], orgUnitId: 'branch-1' };
      given([]).when(open(1, { pledger: branchBook })).then([opened(1, 'branch', { pledger: branchBook })]);
      const [event] = decideReview(open(1, { pledger: { type: 'collective', memberIds: [], orgUnitId: 'leadership-team' }, branchId: undefined, groupId: undefined }), initialReviewState('p1'));
      expect(event).toMatchObject({ data: { stage: 'branch', decidingBody: 'leading-group' } });
    });
    it('ignores a redelivered submission', () => given([opened()]).when(open(1)).then([]));
    it('sends a resubmission after a branch return back to the branch', () => given([opened(), forwarded, branchReturned]).when(open(2)).then([opened(2, 'branch')]));
    it('sends it to the group again when the group asked for it', () =>
      given([opened(), forwarded, branchReturned, { type: 'GroupReviewRequested', data: { round: 1, reason: '小組再議', by: 'zhao', at: AT } }]).when(open(2)).then([opened(2, 'group')]));
    it('sends a resubmission after a group return back to the group', () =>
      given([opened(), { type: 'GroupReturned', data: { round: 1, evaluation: '再具體些', verdicts: allApproved, by: 'zhao', role: 'group-leader', at: AT } }]).when(open(2)).then([opened(2, 'group')]));
    it('refuses to reopen an approved review', () => {
      given([opened(), forwarded, { type: 'BranchApproved', data: { round: 1, meeting, verdicts: allApproved, by: 'wang', role: 'branch-secretary', at: AT } }]).when(open(2)).thenFails('wrong_state', 'conflict');
    });
  });

  describe('group stage', () => {
    it('lets members of the group comment', () =>
      given([opened()]).when({ type: 'AddComment', reviewer: zheng, commentId: 'c1', text: '第二條可以更具體', at: AT }).then([
        { type: 'GroupCommentAdded', data: { round: 1, commentId: 'c1', by: 'zheng', text: '第二條可以更具體', at: AT } },
      ]));
    it('refuses comments from outside the group, and empty ones', () => {
      given([opened()]).when({ type: 'AddComment', reviewer: { ...zheng, groupId: 'group-2' }, commentId: 'c1', text: 'x', at: AT }).thenFails('not_in_the_group', 'forbidden');
      given([opened()]).when({ type: 'AddComment', reviewer: zheng, commentId: 'c1', text: '  ', at: AT }).thenFails('empty_comment', 'invalid', 'text');
    });
    it('lets the group leader forward with the group’s evaluation, recorded as the group leader’s', () =>
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'forward', evaluation: '目標具體，可以提交支部', notes: [], at: AT }).then([forwarded]));
    it('returns with notes per item, the others approved', () =>
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'return', evaluation: '請修改', notes: [{ itemNo: 3, note: '寫明幫扶對象' }], at: AT }).then([
        {
          type: 'GroupReturned',
          data: { round: 1, evaluation: '請修改', verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'approved' }, { itemNo: 3, verdict: 'revise', reason: '寫明幫扶對象' }], by: 'zhao', role: 'group-leader', at: AT },
        },
      ]));
    it('refuses a return without notes, unknown items, other groups’ leaders, plain members', () => {
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'return', evaluation: '請修改', notes: [], at: AT }).thenFails('notes_required', 'invalid', 'notes');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'return', evaluation: '請修改', notes: [{ itemNo: 9, note: 'x' }], at: AT }).thenFails('unknown_item', 'invalid', 'notes');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: { ...zhao, groupId: 'group-2' }, decision: 'forward', evaluation: 'ok', notes: [], at: AT }).thenFails('not_the_group_leader', 'forbidden');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zheng, decision: 'forward', evaluation: 'ok', notes: [], at: AT }).thenFails('not_the_group_leader', 'forbidden');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'forward', evaluation: ' ', notes: [], at: AT }).thenFails('evaluation_required', 'invalid', 'evaluation');
    });
    it('refuses a branch decision while the group still discusses', () => {
      given([opened()]).when(decideAtBranch(wang)).thenFails('wrong_state', 'conflict');
    });
  });

  describe('branch stage', () => {
    it('approves when every item is approved, recorded as the branch secretary’s', () =>
      given([opened(), forwarded]).when(decideAtBranch(wang, { verdicts: [...allApproved].reverse() })).then([
        { type: 'BranchApproved', data: { round: 1, meeting, verdicts: allApproved, by: 'wang', role: 'branch-secretary', at: AT } },
      ]));
    it('returns when any item needs revising', () =>
      given([opened(), forwarded])
        .when(decideAtBranch(wang, { verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '目標要量化' }, { itemNo: 3, verdict: 'approved' }] }))
        .then([branchReturned]));
    it('rejects a decision without a verdict for every item, naming the missing ones', () => {
      const error = given([opened(), forwarded]).when(decideAtBranch(wang, { verdicts: [{ itemNo: 2, verdict: 'approved' }] })).thenFails('verdicts_incomplete', 'invalid', 'verdicts');
      expect(error.details.missingItemNos).toEqual([1, 3]);
    });
    it('rejects a revise without reason, repeated items, an empty meeting', () => {
      given([opened(), forwarded]).when(decideAtBranch(wang, { verdicts: [{ itemNo: 1, verdict: 'revise' }, { itemNo: 2, verdict: 'approved' }, { itemNo: 3, verdict: 'approved' }] })).thenFails('reason_required', 'invalid');
      given([opened(), forwarded]).when(decideAtBranch(wang, { verdicts: [...allApproved, { itemNo: 1, verdict: 'approved' }] })).thenFails('repeated_item', 'invalid');
      given([opened(), forwarded]).when(decideAtBranch(wang, { meeting: { date: '2026-03-05', attendees: [] } })).thenFails('attendees_required', 'invalid', 'meeting/attendees');
    });
    it('lets only the secretary of the pledger’s branch decide', () => {
      given([opened(), forwarded]).when(decideAtBranch(otherSecretary)).thenFails('not_the_branch_secretary', 'forbidden');
      given([opened(), forwarded]).when(decideAtBranch(zhao)).thenFails('not_the_branch_secretary', 'forbidden');
    });
    it('lets the leading party group decide the leadership team’s pledge, recorded as the leading group’s', () => {
      const team = { type: 'collective' as const, memberIds: [], orgUnitId: 'leadership-team' };
      const state = decideReview(open(1, { pledger: team, branchId: undefined, groupId: undefined }), initialReviewState('p1')).reduce(evolveReview, initialReviewState('p1'));
      const leadersMeeting = { date: '2026-02-20', attendees: LEADING_GROUP };
      expect(() => decideReview(decideAtBranch(wang, { meeting: leadersMeeting, bodyMembers: LEADING_GROUP }), state)).toThrow('the leading party group decides this pledge');
      expect(decideReview(decideAtBranch(zhou, { meeting: leadersMeeting, bodyMembers: LEADING_GROUP }), state)).toEqual([
        { type: 'BranchApproved', data: { round: 1, meeting: leadersMeeting, verdicts: allApproved, by: 'zhou', role: 'leading-group', at: AT } },
      ]);
    });
  });

  describe('after a return', () => {
    it('lets the group leader ask to see it again (once)', () => {
      given([opened(), forwarded, branchReturned]).when({ type: 'AskForGroupReview', reviewer: zhao, reason: '小組再議', at: AT }).then([{ type: 'GroupReviewRequested', data: { round: 1, reason: '小組再議', by: 'zhao', at: AT } }]);
      given([opened(), forwarded, branchReturned, { type: 'GroupReviewRequested', data: { round: 1, reason: '小組再議', by: 'zhao', at: AT } }]).when({ type: 'AskForGroupReview', reviewer: zhao, reason: 'again', at: AT }).then([]);
    });
    it('closes the review when the pledge is withdrawn, and ignores a repeat', () => {
      given([opened()]).when({ type: 'CloseWithdrawn', reason: '調崗', at: AT }).then([{ type: 'ReviewWithdrawn', data: { round: 1, reason: '調崗', at: AT } }]);
      given([opened(), { type: 'ReviewWithdrawn', data: { round: 1, reason: '調崗', at: AT } }]).when({ type: 'CloseWithdrawn', reason: '調崗', at: AT }).then([]);
    });
    it('keeps earlier rounds readable, with the role of each decision', () => {
      const state = [opened(), forwarded, branchReturned, opened(2, 'branch')].reduce(evolveReview, initialReviewState('p1'));
      expect(state.rounds.map((r) => [r.round, r.group?.role, r.branch?.role, r.branch?.decision])).toEqual([
        [1, 'group-leader', 'branch-secretary', 'return'],
        [2, undefined, undefined, undefined],
      ]);
      expect(state.status).toBe('branch');
    });
    it('reads decisions recorded before roles were: the group leader’s, and the deciding body’s', () => {
      const { role: _g, ...oldForward } = (forwarded as Extract<typeof forwarded, { type: 'GroupForwarded' }>).data;
      const { role: _b, ...oldReturn } = (branchReturned as Extract<typeof branchReturned, { type: 'BranchReturned' }>).data;
      const state = [opened(), { type: 'GroupForwarded' as const, data: oldForward }, { type: 'BranchReturned' as const, data: oldReturn }].reduce(evolveReview, initialReviewState('p1'));
      expect([state.rounds[0]!.group?.role, state.rounds[0]!.branch?.role]).toEqual(['group-leader', 'branch-secretary']);
    });
  });
});

describe('deadlines', () => {
  it('are set by a bureau admin and tell overdue reviews', () => {
    expect(() => decideDeadlines({ reviewer: wang, deadlines: { groupDays: 3, branchDays: 5 }, at: AT })).toThrow('a bureau admin sets review deadlines');
    expect(decideDeadlines({ reviewer: { memberId: 'ye', roles: ['bureau-admin'] }, deadlines: { groupDays: 3, branchDays: 5 }, at: AT })).toEqual([{ type: 'DeadlinesSet', data: { groupDays: 3, branchDays: 5, by: 'ye', at: AT } }]);
    expect(isOverdue('group', '2026-03-01T00:00:00Z', { groupDays: 3, branchDays: 5 }, new Date('2026-03-04T00:00:01Z'))).toBe(true);
    expect(isOverdue('branch', '2026-03-01T00:00:00Z', { groupDays: 3, branchDays: 5 }, new Date('2026-03-04T00:00:01Z'))).toBe(false);
  });
});
