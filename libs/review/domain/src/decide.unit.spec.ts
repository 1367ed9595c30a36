import { deciderSpec } from '@pledgebook/util/testing';
import type { ReviewCommand } from './commands';
import { decideReview } from './decide';
import type { ReviewEvent } from './events';
import { evolveReview } from './evolve';
import { decidePublication, decideDeadlines, evolvePublication, initialPublicationState, isOverdue, type PublicationEvent } from './publication';
import { initialReviewState } from './state';
import type { ReviewItem, Reviewer } from './types';

const AT = '2026-03-02T09:00:00.000Z';
const items: ReviewItem[] = [
  { no: 1, kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
  { no: 2, kind: 'position', text: '把人口抽樣調查做到全省一流', target: '全省前三' },
  { no: 3, kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年' },
];
const pledger = { type: 'individual' as const, memberIds: ['sun'] };
const open = (round = 1, extra: Partial<Extract<ReviewCommand, { type: 'OpenRound' }>> = {}): Extract<ReviewCommand, { type: 'OpenRound' }> => ({
  type: 'OpenRound',
  pledgeId: 'p1',
  bureauId: 'weihai',
  year: 2026,
  round,
  pledger,
  branchId: 'branch-1',
  groupId: 'group-1',
  items,
  at: AT,
  ...extra,
});
const opened = (round = 1, stage: 'group' | 'branch' = 'group'): ReviewEvent => ({
  type: 'ReviewRoundOpened',
  data: { pledgeId: 'p1', bureauId: 'weihai', year: 2026, round, pledger, branchId: 'branch-1', groupId: 'group-1', items, stage, decidingBody: 'branch', openedAt: AT },
});
const zhao: Reviewer = { memberId: 'zhao', roles: ['member', 'group-leader'], groupId: 'group-1', branchId: 'branch-1' };
const sunInGroup: Reviewer = { memberId: 'zheng', roles: ['member'], groupId: 'group-1', branchId: 'branch-1' };
const wang: Reviewer = { memberId: 'wang', roles: ['member', 'branch-secretary'], groupId: 'group-1', branchId: 'branch-1' };
const otherSecretary: Reviewer = { memberId: 'peng', roles: ['member', 'branch-secretary'], groupId: 'group-4', branchId: 'branch-2' };
const meeting = { date: '2026-03-05', attendees: ['wang', 'zhao', 'sun'] };
const forwarded: ReviewEvent = { type: 'GroupForwarded', data: { round: 1, evaluation: '目標具體，可以提交支部', notes: [], by: 'zhao', at: AT } };
const allApproved = items.map((i) => ({ itemNo: i.no, verdict: 'approved' as const }));
const branchReturned: ReviewEvent = {
  type: 'BranchReturned',
  data: { round: 1, meeting, verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '目標要量化' }, { itemNo: 3, verdict: 'approved' }], by: 'wang', at: AT },
};

const given = deciderSpec(decideReview, evolveReview, () => initialReviewState('p1'));

describe('review decider', () => {
  describe('opening rounds', () => {
    it('opens the first round at the party group', () => given([]).when(open()).then([opened()]));
    it('sends collective pledges straight to the branch stage, and the leadership team’s to the leading party group', () => {
      given([]).when(open(1, { pledger: { type: 'collective', memberIds: [], orgUnitId: 'branch-1' } })).then([
        { type: 'ReviewRoundOpened', data: { ...(opened(1, 'branch') as Extract<ReviewEvent, { type: 'ReviewRoundOpened' }>).data, pledger: { type: 'collective', memberIds: [], orgUnitId: 'branch-1' } } },
      ]);
      const [event] = decideReview(open(1, { pledger: { type: 'collective', memberIds: [], orgUnitId: 'leadership-team' }, branchId: undefined, groupId: undefined }), initialReviewState('p1'));
      expect(event).toMatchObject({ data: { stage: 'branch', decidingBody: 'leading-group' } });
    });
    it('ignores a redelivered submission', () => given([opened()]).when(open(1)).then([]));
    it('sends a resubmission after a branch return back to the branch', () => given([opened(), forwarded, branchReturned]).when(open(2)).then([opened(2, 'branch')]));
    it('sends it to the group again when the group asked for it', () =>
      given([opened(), forwarded, branchReturned, { type: 'GroupReviewRequested', data: { round: 1, reason: '小組再議', by: 'zhao', at: AT } }]).when(open(2)).then([opened(2, 'group')]));
    it('sends a resubmission after a group return back to the group', () =>
      given([opened(), { type: 'GroupReturned', data: { round: 1, evaluation: '再具體些', verdicts: allApproved, by: 'zhao', at: AT } }]).when(open(2)).then([opened(2, 'group')]));
    it('refuses to reopen an approved review', () => {
      given([opened(), forwarded, { type: 'BranchApproved', data: { round: 1, meeting, verdicts: allApproved, by: 'wang', at: AT } }]).when(open(2)).thenFails('wrong_state', 'conflict');
    });
  });

  describe('group stage', () => {
    it('lets members of the group comment', () =>
      given([opened()]).when({ type: 'AddComment', reviewer: sunInGroup, commentId: 'c1', text: '第二條可以更具體', at: AT }).then([
        { type: 'GroupCommentAdded', data: { round: 1, commentId: 'c1', by: 'zheng', text: '第二條可以更具體', at: AT } },
      ]));
    it('refuses comments from outside the group, and empty ones', () => {
      given([opened()]).when({ type: 'AddComment', reviewer: { ...sunInGroup, groupId: 'group-2' }, commentId: 'c1', text: 'x', at: AT }).thenFails('not_in_the_group', 'forbidden');
      given([opened()]).when({ type: 'AddComment', reviewer: sunInGroup, commentId: 'c1', text: '  ', at: AT }).thenFails('empty_comment', 'invalid', 'text');
    });
    it('lets the group leader forward with the group’s evaluation', () =>
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'forward', evaluation: '目標具體，可以提交支部', notes: [], at: AT }).then([forwarded]));
    it('returns with notes per item, the others approved', () =>
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'return', evaluation: '請修改', notes: [{ itemNo: 3, note: '寫明幫扶對象' }], at: AT }).then([
        { type: 'GroupReturned', data: { round: 1, evaluation: '請修改', verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'approved' }, { itemNo: 3, verdict: 'revise', reason: '寫明幫扶對象' }], by: 'zhao', at: AT } },
      ]));
    it('refuses a return without notes, unknown items, other groups’ leaders, plain members', () => {
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'return', evaluation: '請修改', notes: [], at: AT }).thenFails('notes_required', 'invalid', 'notes');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'return', evaluation: '請修改', notes: [{ itemNo: 9, note: 'x' }], at: AT }).thenFails('unknown_item', 'invalid', 'notes');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: { ...zhao, groupId: 'group-2' }, decision: 'forward', evaluation: 'ok', notes: [], at: AT }).thenFails('not_the_group_leader', 'forbidden');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: sunInGroup, decision: 'forward', evaluation: 'ok', notes: [], at: AT }).thenFails('not_the_group_leader', 'forbidden');
      given([opened()]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'forward', evaluation: ' ', notes: [], at: AT }).thenFails('evaluation_required', 'invalid', 'evaluation');
    });
    it('refuses a branch decision while the group still discusses', () => {
      given([opened()]).when({ type: 'DecideAtBranch', reviewer: wang, meeting, verdicts: allApproved, at: AT }).thenFails('wrong_state', 'conflict');
    });
  });

  describe('branch stage', () => {
    it('approves when every item is approved', () =>
      given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: wang, meeting, verdicts: [...allApproved].reverse(), at: AT }).then([
        { type: 'BranchApproved', data: { round: 1, meeting, verdicts: allApproved, by: 'wang', at: AT } },
      ]));
    it('returns when any item needs revising', () =>
      given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: wang, meeting, verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '目標要量化' }, { itemNo: 3, verdict: 'approved' }], at: AT }).then([branchReturned]));
    it('rejects a decision without a verdict for every item, naming the missing ones', () => {
      const error = given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: wang, meeting, verdicts: [{ itemNo: 2, verdict: 'approved' }], at: AT }).thenFails('verdicts_incomplete', 'invalid', 'verdicts');
      expect(error.details.missingItemNos).toEqual([1, 3]);
    });
    it('rejects a revise without reason, repeated items, an empty meeting', () => {
      given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: wang, meeting, verdicts: [{ itemNo: 1, verdict: 'revise' }, { itemNo: 2, verdict: 'approved' }, { itemNo: 3, verdict: 'approved' }], at: AT }).thenFails('reason_required', 'invalid');
      given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: wang, meeting, verdicts: [...allApproved, { itemNo: 1, verdict: 'approved' }], at: AT }).thenFails('repeated_item', 'invalid');
      given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: wang, meeting: { date: '2026-03-05', attendees: [] }, verdicts: allApproved, at: AT }).thenFails('attendees_required', 'invalid', 'meeting/attendees');
    });
    it('lets only the secretary of the pledger’s branch decide', () => {
      given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: otherSecretary, meeting, verdicts: allApproved, at: AT }).thenFails('not_the_branch_secretary', 'forbidden');
      given([opened(), forwarded]).when({ type: 'DecideAtBranch', reviewer: zhao, meeting, verdicts: allApproved, at: AT }).thenFails('not_the_branch_secretary', 'forbidden');
    });
    it('lets the leading party group decide the leadership team’s pledge', () => {
      const state = [open(1, { pledger: { type: 'collective', memberIds: [], orgUnitId: 'leadership-team' }, branchId: undefined, groupId: undefined })]
        .flatMap((c) => decideReview(c, initialReviewState('p1')))
        .reduce(evolveReview, initialReviewState('p1'));
      expect(() => decideReview({ type: 'DecideAtBranch', reviewer: wang, meeting, verdicts: allApproved, at: AT }, state)).toThrow('the leading party group decides this pledge');
      expect(decideReview({ type: 'DecideAtBranch', reviewer: { memberId: 'zhou', roles: ['leading-group'] }, meeting, verdicts: allApproved, at: AT }, state)[0]!.type).toBe('BranchApproved');
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
    it('keeps earlier rounds readable', () => {
      const state = [opened(), forwarded, branchReturned, opened(2, 'branch')].reduce(evolveReview, initialReviewState('p1'));
      expect(state.rounds.map((r) => [r.round, r.branch?.decision])).toEqual([[1, 'return'], [2, undefined]]);
      expect(state.status).toBe('branch');
    });
  });
});

describe('publication', () => {
  const publish = (approved: string[]) => ({ type: 'PublishApproved' as const, reviewer: wang, publicationId: 'pub-1', bureauId: 'weihai', branchId: 'branch-1', year: 2026, approved, at: AT });
  const given2 = deciderSpec(decidePublication, evolvePublication, initialPublicationState);
  it('publishes the approved pledges not published before, as one act', () => {
    const first: PublicationEvent = { type: 'PledgesPublished', data: { publicationId: 'pub-0', bureauId: 'weihai', branchId: 'branch-1', year: 2026, pledgeIds: ['p1'], publishedBy: 'wang', publishedAt: AT } };
    given2([first]).when(publish(['p2', 'p1', 'p3'])).then([{ type: 'PledgesPublished', data: { publicationId: 'pub-1', bureauId: 'weihai', branchId: 'branch-1', year: 2026, pledgeIds: ['p2', 'p3'], publishedBy: 'wang', publishedAt: AT } }]);
  });
  it('refuses when nothing waits, and other branches’ secretaries', () => {
    given2([]).when(publish([])).thenFails('nothing_to_publish', 'conflict');
    given2([]).when({ ...publish(['p1']), reviewer: otherSecretary }).thenFails('not_the_branch_secretary', 'forbidden');
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
