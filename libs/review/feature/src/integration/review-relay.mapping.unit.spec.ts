import { ContractRegistry, EVENT_CATALOG, type CloudEvent } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { pledgeFact } from './pledge-events';
import { mapReviewServiceEvent } from './review-relay.mapping';

const registry = new ContractRegistry(EVENT_CATALOG);
const AT = '2026-03-05T08:00:00.000Z';
const recorded = (stream: string, type: string, data: unknown): RecordedEvent => ({
  id: '01940000-0000-7000-8000-000000000001',
  stream,
  revision: 3,
  position: 10,
  type,
  schemaVersion: 1,
  data,
  metadata: { bureauId: 'weihai', actorId: 'wang', actorRole: 'branch-secretary', correlationId: 'c', causationId: 'c' },
  recordedAt: AT,
  prevHash: '0'.repeat(64),
  hash: 'b'.repeat(64),
});
const meeting = { date: '2026-03-05', attendees: ['wang', 'zhao'] };

describe('review relay mapping', () => {
  it.each([
    ['review-p1', 'ReviewRoundOpened', { pledgeId: 'p1' }, undefined],
    ['review-p1', 'GroupCommentAdded', { round: 1, commentId: 'c1', by: 'zheng', text: '好', at: AT }, undefined],
    ['review-p1', 'GroupForwarded', { round: 1, evaluation: '好', notes: [], by: 'zhao', at: AT }, undefined],
    ['review-p1', 'GroupReturned', { round: 1, evaluation: '改', verdicts: [{ itemNo: 1, verdict: 'revise', reason: '具體些' }], by: 'zhao', role: 'group-leader', at: AT }, 'pledgebook.review.pledge-returned.v1'],
    ['review-p1', 'BranchReturned', { round: 2, meeting, verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '量化' }], by: 'wang', role: 'branch-secretary', at: AT }, 'pledgebook.review.pledge-returned.v1'],
    ['review-p1', 'BranchApproved', { round: 3, meeting, verdicts: [{ itemNo: 1, verdict: 'approved' }], by: 'zhou', role: 'leading-group', at: AT }, 'pledgebook.review.pledge-approved.v1'],
    ['review-p1', 'BranchApproved', { round: 3, meeting, verdicts: [{ itemNo: 1, verdict: 'approved' }], by: 'wang', at: AT }, 'pledgebook.review.pledge-approved.v1'],
    ['review-p1', 'ReviewClosed', { round: 1, year: 2026, at: AT }, undefined],
    ['review-publications-weihai.branch-1.2026', 'PledgesPublished', { publicationId: 'pub1', bureauId: 'weihai', branchId: 'branch-1', year: 2026, pledgeIds: ['p1', 'p2'], publishedBy: 'wang', role: 'branch-secretary', publishedAt: AT }, 'pledgebook.review.pledges-published.v1'],
    ['review-leadership-publications-weihai.2026', 'PledgesPublished', { publicationId: 'pub2', bureauId: 'weihai', year: 2026, pledgeIds: ['p3'], publishedBy: 'zhou', role: 'leading-group', publishedAt: AT }, 'pledgebook.review.leadership-pledges-published.v1'],
    ['review-settings-weihai', 'DeadlinesSet', { groupDays: 3, branchDays: 5, by: 'ye', at: AT }, undefined],
  ])('%s %s → %s, valid against its schema', (stream, type, data, expected) => {
    const messages = mapReviewServiceEvent(recorded(stream, type, data));
    expect(messages.map((m) => m.value.type)).toEqual(expected ? [expected] : []);
    for (const m of messages) {
      expect(() => registry.validate(m.value)).not.toThrow();
      expect(m.topic).toBe('pledgebook.review.v1');
      expect(m.value.source).toBe('/bureaus/weihai/review-service');
    }
  });

  it('names the round, the stage and the role the decider held', () => {
    const [m] = mapReviewServiceEvent(recorded('review-p1', 'BranchReturned', { round: 2, meeting, verdicts: [{ itemNo: 2, verdict: 'revise', reason: '量化' }], by: 'zhou', role: 'leading-group', at: AT }));
    expect(m!.value.data).toMatchObject({ pledgeId: 'p1', reviewId: 'p1.r2', round: 2, stage: 'branch', decidedBy: 'zhou', decidedByRole: 'leading-group' });
    const [group] = mapReviewServiceEvent(recorded('review-p1', 'GroupReturned', { round: 1, evaluation: '改', verdicts: [{ itemNo: 1, verdict: 'revise', reason: '具體些' }], by: 'zhao', role: 'group-leader', at: AT }));
    expect(group!.value.data).toMatchObject({ stage: 'group', decidedBy: 'zhao', decidedByRole: 'group-leader' });
  });

  it('keys a leadership publication by the bureau and names no branch', () => {
    const [m] = mapReviewServiceEvent(recorded('review-leadership-publications-weihai.2026', 'PledgesPublished', { publicationId: 'pub2', bureauId: 'weihai', year: 2026, pledgeIds: ['p3'], publishedBy: 'zhou', role: 'leading-group', publishedAt: AT }));
    expect(m).toMatchObject({ key: 'weihai', value: { subject: 'bureaus/weihai/leadership-publications/pub2', data: { bureauId: 'weihai', pledgeIds: ['p3'], publishedBy: 'zhou' } } });
  });
});

describe('pledge events as facts', () => {
  const event = (type: string, data: unknown) => ({ type, data }) as CloudEvent;
  it('reads submissions, withdrawals, closings, drafts and the directory', () => {
    expect(pledgeFact(event('pledgebook.pledge.pledge-withdrawn.v1', { pledgeId: 'p1', reason: '調崗' }))).toEqual({ kind: 'withdrawn', pledgeId: 'p1', reason: '調崗' });
    expect(pledgeFact(event('pledgebook.pledge.pledge-closed.v1', { pledgeId: 'p1', year: 2026 }))).toEqual({ kind: 'closed', pledgeId: 'p1', year: 2026 });
    expect(pledgeFact(event('pledgebook.pledge.member-moved.v1', { memberId: 'm1', bureauId: 'b', toGroupId: 'g2', branchId: 'br2', effectiveOn: '2026-01-01' }))).toEqual({ kind: 'member', memberId: 'm1', bureauId: 'b', set: { groupId: 'g2', branchId: 'br2' } });
    expect(pledgeFact(event('pledgebook.pledge.progress-recorded.v1', {}))).toEqual({ kind: 'ignored' });
  });
});
