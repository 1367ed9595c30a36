import type { CloudEvent } from '@pledgebook/contracts';
import { commandsForReviewEvent } from './review-decisions.consumer';

const AT = '2026-03-05T08:00:00.000Z';
const event = (type: string, data: Record<string, unknown>): CloudEvent =>
  ({ specversion: '1.0', id: 'e1', type, source: '/bureaus/weihai/review-service', time: AT, bureauid: 'weihai', actorid: 'zhou', correlationid: 'c1', data }) as unknown as CloudEvent;
const decision = { pledgeId: 'p1', reviewId: 'p1.r1', round: 1, decidedBy: 'zhou', decidedAt: AT };
const verdicts = [{ itemNo: 1, verdict: 'revise', reason: '量化' }];

describe('review decisions recorded in the pledge’s stream', () => {
  it('records each decision as done in the role the decider held', () => {
    const roles = [
      commandsForReviewEvent(event('pledgebook.review.pledge-approved.v1', { ...decision, decidedByRole: 'leading-group' })),
      commandsForReviewEvent(event('pledgebook.review.pledge-returned.v1', { ...decision, stage: 'group', verdicts, decidedByRole: 'group-leader' })),
      commandsForReviewEvent(event('pledgebook.review.pledge-returned.v1', { ...decision, stage: 'branch', verdicts, decidedByRole: 'branch-secretary' })),
    ].map(([c]) => [c!.command.type, c!.meta.actorRole]);
    expect(roles).toEqual([
      ['RecordApproval', 'leading-group'],
      ['RecordReturn', 'group-leader'],
      ['RecordReturn', 'branch-secretary'],
    ]);
  });

  it('reads decisions published before the role was carried: a group’s return as its leader’s, the rest as a secretary’s', () => {
    expect(commandsForReviewEvent(event('pledgebook.review.pledge-returned.v1', { ...decision, stage: 'group', verdicts }))[0]!.meta.actorRole).toBe('group-leader');
    expect(commandsForReviewEvent(event('pledgebook.review.pledge-approved.v1', decision))[0]!.meta.actorRole).toBe('branch-secretary');
  });

  it('publishes a branch’s books as its secretary, and the books outside any branch as the leading party group', () => {
    const act = { publicationId: 'pub1', year: 2026, pledgeIds: ['p1', 'p2'], publishedBy: 'zhou', publishedAt: AT };
    const branch = commandsForReviewEvent(event('pledgebook.review.pledges-published.v1', { ...act, branchId: 'branch-1' }));
    const leadership = commandsForReviewEvent(event('pledgebook.review.leadership-pledges-published.v1', { ...act, bureauId: 'weihai' }));
    expect(branch.map((c) => [c.pledgeId, c.command.type, c.meta.actorRole])).toEqual([
      ['p1', 'RecordPublication', 'branch-secretary'],
      ['p2', 'RecordPublication', 'branch-secretary'],
    ]);
    expect(leadership.map((c) => [c.pledgeId, c.command, c.meta.actorRole, c.meta.idempotencySeed])).toEqual([
      ['p1', { type: 'RecordPublication', publicationId: 'pub1', publishedBy: 'zhou', publishedAt: AT }, 'leading-group', 'e1:p1'],
      ['p2', { type: 'RecordPublication', publicationId: 'pub1', publishedBy: 'zhou', publishedAt: AT }, 'leading-group', 'e1:p2'],
    ]);
  });

  it('ignores other review events', () => {
    expect(commandsForReviewEvent(event('pledgebook.review.something-else.v1', {}))).toEqual([]);
  });
});
