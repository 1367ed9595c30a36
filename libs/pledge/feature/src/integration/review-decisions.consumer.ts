import type { CloudEvent } from '@pledgebook/contracts';
import type { CommandMeta } from '@pledgebook/nest';
import type { ExistingPledgeCommand } from '../pledges/pledge.commands';

export const REVIEW_CONSUMER_GROUP = 'pledge-service.review-decisions';

/**
 * A review decision → the commands that record it in the pledge's own stream. Event ids are
 * derived from the CloudEvent id, and the decider ignores a decision it already recorded, so a
 * redelivered decision changes nothing.
 */
export function commandsForReviewEvent(event: CloudEvent): { pledgeId: string; command: ExistingPledgeCommand; meta: CommandMeta }[] {
  const meta = (seed: string): CommandMeta => ({
    bureauId: event.bureauid,
    actorId: event.actorid,
    actorRole: 'branch-secretary',
    correlationId: event.correlationid,
    causationId: event.id,
    idempotencySeed: seed,
  });
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'pledgebook.review.pledge-approved.v1':
      return [
        {
          pledgeId: String(data.pledgeId),
          command: { type: 'RecordApproval', reviewId: String(data.reviewId), round: Number(data.round), decidedBy: String(data.decidedBy), approvedAt: String(data.decidedAt) },
          meta: meta(event.id),
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
          meta: meta(event.id),
        },
      ];
    case 'pledgebook.review.pledges-published.v1':
      return (data.pledgeIds as string[]).map((pledgeId) => ({
        pledgeId,
        command: { type: 'RecordPublication', publicationId: String(data.publicationId), publishedBy: String(data.publishedBy), publishedAt: String(data.publishedAt) },
        meta: meta(`${event.id}:${pledgeId}`),
      }));
    default:
      return [];
  }
}
