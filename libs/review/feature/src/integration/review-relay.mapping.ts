import { LeadershipPledgesPublished, PledgeApproved, PledgeReturned, PledgesPublished, type EventData, type EventDefinition } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { integrationMessage, type IntegrationMessage } from '@pledgebook/message-bus';
import type { PublicationEvent, ReviewEvent } from '@pledgebook/review-domain';
import { isFactsStream, isPublicationStream, isSettingsStream, pledgeIdOf } from '../streams';

const SERVICE = 'review-service';

/** A round of a pledge's review, as the decision events name it. */
export const reviewIdOf = (pledgeId: string, round: number) => `${pledgeId}.r${round}`;

function message<D extends EventDefinition>(event: RecordedEvent, key: string, definition: D, subject: string, data: EventData<D>): IntegrationMessage {
  return integrationMessage(event, definition, { service: SERVICE, key, subject, data });
}

/** A branch's publication act (key: the branch), or the leading party group's (key: the bureau). */
function publication(event: RecordedEvent, data: PublicationEvent['data']): IntegrationMessage {
  const { publicationId, year, pledgeIds, publishedBy, publishedAt } = data;
  if (data.branchId) {
    const subject = `branches/${data.branchId}/publications/${publicationId}`;
    return message(event, data.branchId, PledgesPublished, subject, { publicationId, branchId: data.branchId, year, pledgeIds, publishedBy, publishedAt });
  }
  const subject = `bureaus/${data.bureauId}/leadership-publications/${publicationId}`;
  return message(event, data.bureauId, LeadershipPledgesPublished, subject, { publicationId, bureauId: data.bureauId, year, pledgeIds, publishedBy, publishedAt });
}

/**
 * Review decisions → pledgebook.review.v1 (key: the pledge; a publication act: the branch or the
 * bureau), each naming the role it was decided in (decisions recorded before roles were carried
 * go out without it). Comments, evaluations that forward, and settings stay in this service.
 */
export function mapReviewServiceEvent(event: RecordedEvent): IntegrationMessage[] {
  if (isSettingsStream(event.stream) || isFactsStream(event.stream)) return [];
  if (isPublicationStream(event.stream)) return [publication(event, (event as unknown as PublicationEvent).data)];
  const pledgeId = pledgeIdOf(event.stream);
  const e = { type: event.type, data: event.data } as ReviewEvent;
  const subject = `reviews/${pledgeId}`;
  switch (e.type) {
    case 'BranchApproved':
      return [message(event, pledgeId, PledgeApproved, subject, {
        pledgeId,
        reviewId: reviewIdOf(pledgeId, e.data.round),
        round: e.data.round,
        decidedBy: e.data.by,
        ...(e.data.role ? { decidedByRole: e.data.role } : {}),
        decidedAt: e.data.at,
        meetingDate: e.data.meeting.date,
      })];
    case 'GroupReturned':
    case 'BranchReturned':
      return [message(event, pledgeId, PledgeReturned, subject, {
        pledgeId,
        reviewId: reviewIdOf(pledgeId, e.data.round),
        round: e.data.round,
        stage: e.type === 'GroupReturned' ? ('group' as const) : ('branch' as const),
        verdicts: e.data.verdicts,
        decidedBy: e.data.by,
        ...(e.data.role ? { decidedByRole: e.data.role } : {}),
        decidedAt: e.data.at,
      })];
    default:
      return [];
  }
}
