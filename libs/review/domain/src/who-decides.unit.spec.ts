import { AT, BRANCH_1, branchReturned, decideAtBranch, forwarded, gao, given, LEADING_GROUP, li, open, opened, placeOf, wang, zhao, zheng, zhou } from './testing/review.fixtures';
import type { Reviewer } from './types';
import { programmeDateOf } from './who-decides';

const evaluate = (reviewer: Reviewer) => ({ type: 'RecordGroupEvaluation' as const, reviewer, decision: 'forward' as const, evaluation: '同意提交支部', notes: [], at: AT });
const sunPlace = { memberId: 'sun', roles: ['member'], groupId: 'group-1', branchId: 'branch-1' };

describe('nobody reviews their own book', () => {
  it('sends a group leader’s own book straight to the branch', () =>
    given([])
      .when(open(1, { pledger: { type: 'individual', memberIds: ['zhao'] }, places: [placeOf(zhao)] }))
      .then([opened(1, 'branch', { pledger: { type: 'individual', memberIds: ['zhao'] }, pledgerOfficers: [{ memberId: 'zhao', role: 'group-leader' }] })]));

  it('keeps it at the branch when it comes back, even if a group review was asked for', () => {
    const zhaoBook = { pledger: { type: 'individual' as const, memberIds: ['zhao'] }, places: [placeOf(zhao)] };
    const officers = [{ memberId: 'zhao', role: 'group-leader' as const }];
    const askedAgain = { type: 'GroupReviewRequested' as const, data: { round: 1, reason: '小組再議', by: 'gao', at: AT } };
    given([opened(1, 'branch', { pledger: zhaoBook.pledger, pledgerOfficers: officers }), branchReturned, askedAgain])
      .when(open(2, zhaoBook))
      .then([opened(2, 'branch', { pledger: zhaoBook.pledger, pledgerOfficers: officers })]);
  });

  it('refuses the group leader’s evaluation of a book of their own that reached the group', () => {
    given([opened(1, 'group', { pledger: { type: 'individual', memberIds: ['zhao'] } })]).when(evaluate(zhao)).thenFails('own_book', 'forbidden');
  });

  it('has the leading party group decide the branch secretary’s own book, after the group has discussed it', () => {
    const wangBook = { type: 'individual' as const, memberIds: ['wang'] };
    const officers = [{ memberId: 'wang', role: 'branch-secretary' as const }];
    given([]).when(open(1, { pledger: wangBook, places: [placeOf(wang)] })).then([opened(1, 'group', { pledger: wangBook, decidingBody: 'leading-group', pledgerOfficers: officers })]);
    const atBranch = [opened(1, 'group', { pledger: wangBook, decidingBody: 'leading-group', pledgerOfficers: officers }), forwarded];
    given(atBranch).when(decideAtBranch(wang)).thenFails('not_the_deciding_body', 'forbidden');
    const leaders = { date: '2026-03-05', attendees: ['zhou', 'liu'] };
    given(atBranch)
      .when(decideAtBranch(zhou, { meeting: leaders, bodyMembers: LEADING_GROUP }))
      .then([{ type: 'BranchApproved', data: { round: 1, meeting: leaders, verdicts: expect.any(Array), by: 'zhou', role: 'leading-group', at: AT } }]);
  });

  it('refuses a secretary who also sits in the leading party group their own book', () => {
    const wangBook = { type: 'individual' as const, memberIds: ['wang'] };
    const atBranch = [opened(1, 'group', { pledger: wangBook, decidingBody: 'leading-group' }), forwarded];
    given(atBranch)
      .when(decideAtBranch({ ...wang, roles: [...wang.roles, 'leading-group'] }, { meeting: { date: '2026-03-05', attendees: ['zhou'] }, bodyMembers: LEADING_GROUP }))
      .thenFails('own_book', 'forbidden');
  });

  it('passes a group leader who is also the secretary by at both stages', () => {
    const both: Reviewer = { ...zhao, roles: ['member', 'group-leader', 'branch-secretary'] };
    given([])
      .when(open(1, { pledger: { type: 'individual', memberIds: ['zhao'] }, places: [placeOf(both)] }))
      .then([
        opened(1, 'branch', {
          pledger: { type: 'individual', memberIds: ['zhao'] },
          decidingBody: 'leading-group',
          pledgerOfficers: [{ memberId: 'zhao', role: 'group-leader' }, { memberId: 'zhao', role: 'branch-secretary' }],
        }),
      ]);
  });

  it('minds only offices in the book’s own group and branch', () => {
    const elsewhere = { memberId: 'sun', roles: ['member', 'group-leader', 'branch-secretary'], groupId: 'group-9', branchId: 'branch-9' };
    given([]).when(open(1, { places: [elsewhere] })).then([opened(1, 'group', { groupIds: ['group-1', 'group-9'] })]);
  });
});

describe('the meeting record', () => {
  it('names attendees who are not members of the branch', () => {
    const error = given([opened(), forwarded])
      .when(decideAtBranch(wang, { meeting: { date: '2026-03-05', attendees: ['wang', 'peng', 'zhao', 'qian', 'peng'] } }))
      .thenFails('attendees_not_members', 'invalid', 'meeting/attendees');
    expect(error.details.notMembers).toEqual(['peng', 'qian']);
    expect(error.message).toContain('branch branch-1: peng, qian');
  });

  it('takes the leading party group’s members for its meetings', () => {
    const team = { type: 'collective' as const, memberIds: [], orgUnitId: 'leadership-team' };
    const state = [opened(1, 'branch', { pledger: team, branchId: undefined, groupId: undefined, groupIds: undefined, decidingBody: 'leading-group' })];
    const error = given(state)
      .when(decideAtBranch(zhou, { meeting: { date: '2026-03-05', attendees: ['zhou', 'wang'] }, bodyMembers: LEADING_GROUP }))
      .thenFails('attendees_not_members', 'invalid', 'meeting/attendees');
    expect(error.message).toContain('the leading party group: wang');
  });

  it('refuses a meeting that has not taken place yet, by the programme’s calendar (China Standard Time)', () => {
    // 2026-03-04T17:00Z is already 5 March in Weihai.
    const lateEvening = '2026-03-04T17:00:00.000Z';
    given([opened(), forwarded]).when(decideAtBranch(wang, { at: lateEvening })).then([expect.objectContaining({ type: 'BranchApproved' })]);
    const error = given([opened(), forwarded]).when(decideAtBranch(wang, { meeting: { date: '2026-03-06', attendees: BRANCH_1 }, at: lateEvening })).thenFails('meeting_in_future', 'invalid', 'meeting/date');
    expect(error.details.today).toBe('2026-03-05');
    expect(programmeDateOf('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });
});

describe('a paired book across two party groups', () => {
  const pair = { type: 'paired' as const, memberIds: ['sun', 'li'] };
  const pairOpened = opened(1, 'group', { pledger: pair, groupIds: ['group-1', 'group-2'] });

  it('is shown to both groups, the first pledger’s group deciding', () =>
    given([]).when(open(1, { pledger: pair, places: [sunPlace, placeOf(li)] })).then([pairOpened]));

  it('is discussed by both groups’ members', () =>
    given([pairOpened]).when({ type: 'AddComment', reviewer: li, commentId: 'c1', text: '同意', at: AT }).then([expect.objectContaining({ type: 'GroupCommentAdded' })]));

  it('is decided by the first pledger’s group leader only', () => {
    given([pairOpened]).when(evaluate(gao)).thenFails('not_the_group_leader', 'forbidden');
    given([pairOpened]).when(evaluate(zhao)).then([expect.objectContaining({ type: 'GroupForwarded', data: expect.objectContaining({ by: 'zhao', role: 'group-leader' }) })]);
    given([pairOpened]).when({ type: 'AddComment', reviewer: { ...zheng, groupId: 'group-3' }, commentId: 'c2', text: 'x', at: AT }).thenFails('not_in_the_group', 'forbidden');
  });

  it('goes to the branch when the deciding group’s leader is one of the pair', () => {
    const withLeader = { type: 'paired' as const, memberIds: ['li', 'zhao'] };
    // li's group (group-2) decides, so zhao leading group-1 is no obstacle …
    given([]).when(open(1, { pledger: withLeader, groupId: 'group-2', places: [placeOf(li), placeOf(zhao)] })).then([opened(1, 'group', { pledger: withLeader, groupId: 'group-2', groupIds: ['group-2', 'group-1'] })]);
    // … but with gao, group-2's own leader, in the pair it skips the group.
    const withGao = { type: 'paired' as const, memberIds: ['li', 'gao'] };
    given([])
      .when(open(1, { pledger: withGao, groupId: 'group-2', places: [placeOf(li), placeOf(gao)] }))
      .then([opened(1, 'branch', { pledger: withGao, groupId: 'group-2', groupIds: ['group-2'], pledgerOfficers: [{ memberId: 'gao', role: 'group-leader' }] })]);
  });
});
