import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection } from '@pledgebook/read-model';
import { evolveReview, initialReviewState, publisherOf, type DeadlinesEvent, type PublicationEvent, type ReviewEvent, type ReviewState } from '@pledgebook/review-domain';
import { isFactsStream, isPublicationStream, isSettingsStream, pledgeIdOf, REVIEW_STREAM_PREFIXES } from '../streams';
import { REVIEWS, SETTINGS, type ReviewView, type SettingsView } from './views';

/** The state a view document was folded from, enough to apply the next event. */
function stateOf(view: ReviewView | undefined, pledgeId: string): ReviewState {
  if (!view) return initialReviewState(pledgeId);
  return (view as unknown as { state: ReviewState }).state;
}

function viewOf(state: ReviewState, previous: ReviewView | undefined, event: RecordedEvent): ReviewView & { state: ReviewState } {
  const round = state.rounds[state.rounds.length - 1]!;
  return {
    _id: state.pledgeId,
    pledgeId: state.pledgeId,
    bureauId: state.bureauId,
    year: state.year,
    pledger: state.pledger,
    memberIds: state.pledger.memberIds,
    ...(state.branchId ? { branchId: state.branchId } : {}),
    ...(state.groupId ? { groupId: state.groupId } : {}),
    groupIds: state.groupIds,
    decidingBody: state.decidingBody,
    publisher: publisherOf(state),
    status: previous?.status === 'published' ? 'published' : (state.status as ReviewView['status']),
    ...(state.status === 'group' || state.status === 'branch' ? { stage: state.status } : {}),
    round: state.round,
    stageSince: state.stageSince ?? event.recordedAt,
    items: round.items,
    ...(round.branch?.decision === 'approve' ? { approvedAt: round.branch.at } : {}),
    ...(previous?.publishedAt ? { publishedAt: previous.publishedAt, publicationId: previous.publicationId } : {}),
    ...(round.closed ? { closedAt: round.closed.at } : {}),
    state,
  };
}

/**
 * Review queues, overdue lists, branch progress and the booklet read these documents.
 * v2: every pledger's group, the publisher, closed reviews, the leading party group's publications.
 */
export const reviewsProjection: Projection = {
  name: 'reviews',
  version: 2,
  collections: [REVIEWS, SETTINGS],
  filter: { streamPrefixes: REVIEW_STREAM_PREFIXES },
  async apply(event, ctx) {
    const guard = { stream: event.stream, revision: event.revision };
    const reviews = ctx.collection<ReviewView>(REVIEWS);
    if (isFactsStream(event.stream)) return;
    if (isSettingsStream(event.stream)) {
      const { groupDays, branchDays } = (event as unknown as DeadlinesEvent).data;
      await ctx.collection<SettingsView>(SETTINGS).replace({ _id: event.metadata.bureauId, groupDays, branchDays }, guard);
      return;
    }
    if (isPublicationStream(event.stream)) {
      const { pledgeIds, publicationId, publishedAt } = (event as unknown as PublicationEvent).data;
      for (const pledgeId of pledgeIds) await reviews.update(pledgeId, { $set: { status: 'published', publicationId, publishedAt } }, { guard });
      return;
    }
    const pledgeId = pledgeIdOf(event.stream);
    const previous = await reviews.findById(pledgeId);
    const state = evolveReview(stateOf(previous, pledgeId), { type: event.type, data: event.data } as ReviewEvent);
    if (state.status === 'none') return;
    await reviews.replace(viewOf(state, previous, event), guard);
  },
};
