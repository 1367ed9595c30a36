// Shared by the review decider specs: a branch with two party groups and its people.
import { deciderSpec } from '@pledgebook/util/testing';
import type { ReviewCommand } from '../commands';
import { decideReview } from '../decide';
import type { ReviewEvent } from '../events';
import { evolveReview } from '../evolve';
import { initialReviewState } from '../state';
import type { PledgerPlace, ReviewItem, Reviewer } from '../types';

export const AT = '2026-03-05T09:00:00.000Z';
export const items: ReviewItem[] = [
  { no: 1, kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
  { no: 2, kind: 'position', text: '把人口抽樣調查做到全省一流', target: '全省前三', benchmark: true },
  { no: 3, kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年' },
];
export const pledger = { type: 'individual' as const, memberIds: ['sun'] };

export type OpenRound = Extract<ReviewCommand, { type: 'OpenRound' }>;
export type RoundOpened = Extract<ReviewEvent, { type: 'ReviewRoundOpened' }>;

export const open = (round = 1, extra: Partial<OpenRound> = {}): OpenRound => ({
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
export const opened = (round = 1, stage: 'group' | 'branch' = 'group', extra: Partial<RoundOpened['data']> = {}): RoundOpened => ({
  type: 'ReviewRoundOpened',
  data: { pledgeId: 'p1', bureauId: 'weihai', year: 2026, round, pledger, branchId: 'branch-1', groupId: 'group-1', groupIds: ['group-1'], items, stage, decidingBody: 'branch', openedAt: AT, ...extra },
});

// Branch 1: group 1 (leader zhao; wang, the secretary, and zheng, sun as members) and group 2 (leader gao; li).
export const zhao: Reviewer = { memberId: 'zhao', roles: ['member', 'group-leader'], groupId: 'group-1', branchId: 'branch-1' };
export const gao: Reviewer = { memberId: 'gao', roles: ['member', 'group-leader'], groupId: 'group-2', branchId: 'branch-1' };
export const zheng: Reviewer = { memberId: 'zheng', roles: ['member'], groupId: 'group-1', branchId: 'branch-1' };
export const li: Reviewer = { memberId: 'li', roles: ['member'], groupId: 'group-2', branchId: 'branch-1' };
export const wang: Reviewer = { memberId: 'wang', roles: ['member', 'branch-secretary'], groupId: 'group-1', branchId: 'branch-1' };
export const otherSecretary: Reviewer = { memberId: 'peng', roles: ['member', 'branch-secretary'], groupId: 'group-4', branchId: 'branch-2' };
export const zhou: Reviewer = { memberId: 'zhou', roles: ['member', 'leading-group'] };
export const placeOf = (r: Reviewer): PledgerPlace => ({ memberId: r.memberId, roles: r.roles, ...(r.groupId ? { groupId: r.groupId } : {}), ...(r.branchId ? { branchId: r.branchId } : {}) });

/** Members of branch 1, and of the leading party group, as the directory lists them. */
export const BRANCH_1 = ['wang', 'zhao', 'zheng', 'sun', 'gao', 'li'];
export const LEADING_GROUP = ['zhou', 'liu', 'chen'];
export const meeting = { date: '2026-03-05', attendees: ['wang', 'zhao', 'sun'] };
export const allApproved = items.map((i) => ({ itemNo: i.no, verdict: 'approved' as const }));
export const decideAtBranch = (reviewer: Reviewer, extra: Partial<Extract<ReviewCommand, { type: 'DecideAtBranch' }>> = {}): ReviewCommand => ({
  type: 'DecideAtBranch',
  reviewer,
  meeting,
  verdicts: allApproved,
  bodyMembers: BRANCH_1,
  at: AT,
  ...extra,
});
export const forwarded: ReviewEvent = { type: 'GroupForwarded', data: { round: 1, evaluation: '目標具體，可以提交支部', notes: [], by: 'zhao', role: 'group-leader', at: AT } };
export const branchReturned: ReviewEvent = {
  type: 'BranchReturned',
  data: {
    round: 1,
    meeting,
    verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '目標要量化' }, { itemNo: 3, verdict: 'approved' }],
    by: 'wang',
    role: 'branch-secretary',
    at: AT,
  },
};

export const given = deciderSpec(decideReview, evolveReview, () => initialReviewState('p1'));
