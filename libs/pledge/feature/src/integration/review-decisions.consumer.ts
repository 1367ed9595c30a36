import type { CloudEvent } from '@pledgebook/contracts';
import type { CommandMeta } from '@pledgebook/nest';
import type { ExistingPledgeCommand } from '../pledges/pledge.commands';

export const REVIEW_CONSUMER_GROUP = 'pledge-service.review-decisions';

/**
 * The role the decider held, as the review service names it. Decisions published before the role
 * was carried lack it: a group's return was its leader's, every other decision a branch
 * secretary's (the only one recorded then).
 */
function deciderRole(data: Record<string, unknown>): string {
  if (typeof data.decidedByRole === 'string') return data.decidedByRole;
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
  const data = event.data as Record<string, unknown>;
  const publication = (actorRole: string) =>
    (data.pledgeIds as string[]).map((pledgeId) => ({
      pledgeId,
      command: { type: 'RecordPublication' as const, publicationId: String(data.publicationId), publishedBy: String(data.publishedBy), publishedAt: String(data.publishedAt) },
      meta: meta(`${event.id}:${pledgeId}`, actorRole),
    }));
  switch (event.type) {
    case 'pledgebook.review.pledge-approved.v1':
      return [
        {
          pledgeId: String(data.pledgeId),
          command: { type: 'RecordApproval', reviewId: String(data.reviewId), round: Number(data.round), decidedBy: String(data.decidedBy), approvedAt: String(data.decidedAt) },
          meta: meta(event.id, deciderRole(data)),
        },
      ];
    case 'pledgebook.review.pledge-returned.v1':
      return [
        {
          pledgeId: String(data.pledgeId),
          command: {
            type: 'RecordReturn',
            reviewId: String(data.reviewId),
            round: Number(data.round),
            stage: data.stage as 'group' | 'branch',
            verdicts: data.verdicts as { itemNo: number; verdict: 'approved' | 'revise'; reason?: string }[],
            decidedBy: String(data.decidedBy),
          },
          meta: meta(event.id, deciderRole(data)),
        },
      ];
    // A branch's act is its secretary's; the books outside any branch are published by the leading party group.
    case 'pledgebook.review.pledges-published.v1':
      return publication('branch-secretary');
    case 'pledgebook.review.leadership-pledges-published.v1':
      return publication('leading-group');
    default:
      return [];
  }
}
