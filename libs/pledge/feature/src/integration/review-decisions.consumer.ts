import { isEventOf, LeadershipPledgesPublished, PledgeApproved, PledgeReturned, PledgesPublished, type CloudEvent } from '@pledgebook/contracts';
import type { CommandMeta } from '@pledgebook/nest';
import type { ExistingPledgeCommand } from '../pledges/pledge.commands';

export const REVIEW_CONSUMER_GROUP = 'pledge-service.review-decisions';

/**
 * The role the decider held, as the review service names it. Decisions published before the role
 * was carried lack it: a group's return was its leader's, every other decision a branch
 * secretary's (the only one recorded then).
 */
function deciderRole(data: { decidedByRole?: string; stage?: 'group' | 'branch' }): string {
  if (data.decidedByRole) return data.decidedByRole;
  return data.stage === 'group' ? 'group-leader' : 'branch-secretary';
}

/**
 * A review decision → the commands that record it in the pledge's own stream, as done by the
 * role the decider held. Event ids are derived from the CloudEvent id, and the decider ignores a
 * decision it already recorded, so a redelivered decision changes nothing.
 */
export function commandsForReviewEvent(event: CloudEvent): { pledgeId: string; command: ExistingPledgeCommand; meta: CommandMeta }[] {
  const meta = (seed: string, actorRole: string): CommandMeta => ({
    bureauId: event.bureauid,
    actorId: event.actorid,
    actorRole,
    correlationId: event.correlationid,
    causationId: event.id,
    idempotencySeed: seed,
  });
  const publication = (data: { pledgeIds: string[]; publicationId: string; publishedBy: string; publishedAt: string }, actorRole: string) =>
    data.pledgeIds.map((pledgeId) => ({
      pledgeId,
      command: { type: 'RecordPublication' as const, publicationId: data.publicationId, publishedBy: data.publishedBy, publishedAt: data.publishedAt },
      meta: meta(`${event.id}:${pledgeId}`, actorRole),
    }));
  if (isEventOf(event, PledgeApproved)) {
    const { pledgeId, reviewId, round, decidedBy, decidedAt } = event.data;
    return [{ pledgeId, command: { type: 'RecordApproval', reviewId, round, decidedBy, approvedAt: decidedAt }, meta: meta(event.id, deciderRole(event.data)) }];
  }
  if (isEventOf(event, PledgeReturned)) {
    const { pledgeId, reviewId, round, stage, verdicts, decidedBy } = event.data;
    return [{ pledgeId, command: { type: 'RecordReturn', reviewId, round, stage, verdicts, decidedBy }, meta: meta(event.id, deciderRole(event.data)) }];
  }
  // A branch's act is its secretary's; the books outside any branch are published by the leading party group.
  if (isEventOf(event, PledgesPublished)) return publication(event.data, 'branch-secretary');
  if (isEventOf(event, LeadershipPledgesPublished)) return publication(event.data, 'leading-group');
  return [];
}
