import { deciderSpec } from '@pledgebook/util/testing';
import type { ReviewEvent } from './events';
import { evolveReview } from './evolve';
import { decidePublication, evolvePublication, initialPublicationState, type PublicationEvent, type Publisher } from './publication';
import { allApproved, AT, branchReturned, decideAtBranch, forwarded, given, meeting, open, opened, otherSecretary, wang, zhao, zheng, zhou } from './testing/review.fixtures';
import { initialReviewState } from './state';
import type { Reviewer } from './types';

const CLOSE = { type: 'CloseWithYear' as const, year: 2026, at: '2027-01-10T02:00:00.000Z' };
const closed: ReviewEvent = { type: 'ReviewClosed', data: { round: 1, year: 2026, at: CLOSE.at } };
const approved: ReviewEvent = { type: 'BranchApproved', data: { round: 1, meeting, verdicts: allApproved, by: 'wang', role: 'branch-secretary', at: AT } };

describe('closing with the year', () => {
  it.each<[string, ReviewEvent[]]>([
    ['at the group', [opened()]],
    ['at the branch', [opened(), forwarded]],
    ['returned', [opened(), forwarded, branchReturned]],
    ['approved and not yet published', [opened(), forwarded, approved]],
  ])('closes a review %s', (_, history) => given(history).when(CLOSE).then([closed]));

  it('leaves a book never submitted, a withdrawn review and a closed one alone', () => {
    given([]).when(CLOSE).then([]);
    given([opened(), { type: 'ReviewWithdrawn', data: { round: 1, reason: '調崗', at: AT } }]).when(CLOSE).then([]);
    given([opened(), closed]).when(CLOSE).then([]);
  });

  it('refuses every decision on a closed review as a conflict', () => {
    given([opened(), closed]).when({ type: 'RecordGroupEvaluation', reviewer: zhao, decision: 'forward', evaluation: '同意', notes: [], at: AT }).thenFails('wrong_state', 'conflict');
    given([opened(), forwarded, closed]).when(decideAtBranch(wang)).thenFails('wrong_state', 'conflict');
    given([opened(), closed]).when({ type: 'AddComment', reviewer: zheng, commentId: 'c1', text: '好', at: AT }).thenFails('wrong_state', 'conflict');
    given([opened(), forwarded, branchReturned, closed]).when({ type: 'AskForGroupReview', reviewer: zhao, reason: '再議', at: AT }).thenFails('wrong_state', 'conflict');
    given([opened(), forwarded, branchReturned, closed]).when(open(2)).thenFails('wrong_state', 'conflict');
    given([opened(), closed]).when({ type: 'CloseWithdrawn', reason: '調崗', at: AT }).then([]);
  });

  it('keeps the closed round readable', () => {
    const state = [opened(), forwarded, closed].reduce(evolveReview, initialReviewState('p1'));
    expect(state).toMatchObject({ status: 'closed', stageSince: CLOSE.at });
    expect(state.rounds[0]).toMatchObject({ group: { decision: 'forward' }, closed: { year: 2026, at: CLOSE.at } });
  });
});

describe('publication', () => {
  const branch1: Publisher = { body: 'branch', branchId: 'branch-1' };
  const publish = (approvedIds: string[], reviewer: Reviewer = wang, publisher: Publisher = branch1) => ({
    type: 'PublishApproved' as const,
    reviewer,
    publicationId: 'pub-1',
    bureauId: 'weihai',
    publisher,
    year: 2026,
    approved: approvedIds,
    at: AT,
  });
  const given2 = deciderSpec(decidePublication, evolvePublication, initialPublicationState);

  it('publishes a branch’s approved pledges not published before, as one act by its secretary', () => {
    const first: PublicationEvent = { type: 'PledgesPublished', data: { publicationId: 'pub-0', bureauId: 'weihai', branchId: 'branch-1', year: 2026, pledgeIds: ['p1'], publishedBy: 'wang', publishedAt: AT } };
    given2([first])
      .when(publish(['p2', 'p1', 'p3']))
      .then([{ type: 'PledgesPublished', data: { publicationId: 'pub-1', bureauId: 'weihai', branchId: 'branch-1', year: 2026, pledgeIds: ['p2', 'p3'], publishedBy: 'wang', role: 'branch-secretary', publishedAt: AT } }]);
  });

  it('refuses when nothing waits, and other branches’ secretaries', () => {
    given2([]).when(publish([])).thenFails('nothing_to_publish', 'conflict');
    given2([]).when(publish(['p1'], otherSecretary)).thenFails('not_the_branch_secretary', 'forbidden');
  });

  it('lets the leading party group publish the books outside any branch', () => {
    given2([])
      .when(publish(['team-book', 'staff-book'], zhou, { body: 'leading-group' }))
      .then([{ type: 'PledgesPublished', data: { publicationId: 'pub-1', bureauId: 'weihai', year: 2026, pledgeIds: ['staff-book', 'team-book'], publishedBy: 'zhou', role: 'leading-group', publishedAt: AT } }]);
  });

  it('refuses a branch secretary the leading party group’s act, and an act with nothing new', () => {
    given2([]).when(publish(['team-book'], wang, { body: 'leading-group' })).thenFails('not_the_leading_group', 'forbidden');
    const done: PublicationEvent = { type: 'PledgesPublished', data: { publicationId: 'pub-0', bureauId: 'weihai', year: 2026, pledgeIds: ['team-book'], publishedBy: 'zhou', role: 'leading-group', publishedAt: AT } };
    const error = given2([done]).when(publish(['team-book'], zhou, { body: 'leading-group' })).thenFails('nothing_to_publish', 'conflict');
    expect(error.message).toContain('outside a branch');
  });
});
