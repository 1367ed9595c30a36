import type { PledgeEvent } from './events';
import type { PledgeState } from './state';

export function evolvePledge(state: PledgeState, event: PledgeEvent): PledgeState {
  switch (event.type) {
    case 'PledgeDrafted': {
      const { items, ...rest } = event.data;
      return { ...state, ...rest, items, status: 'draft' };
    }
    case 'PledgeRevised':
      return { ...state, items: event.data.items };
    case 'PledgeSubmitted':
      return { ...state, status: 'submitted', round: event.data.round, items: event.data.items };
    case 'PledgeWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'PledgeReturned': {
      const { reviewId, round, stage, verdicts } = event.data;
      return { ...state, status: 'returned', lastReturn: { reviewId, round, stage, verdicts } };
    }
    case 'PledgeApproved':
      return { ...state, status: 'approved', approval: { reviewId: event.data.reviewId, round: event.data.round, approvedAt: event.data.approvedAt } };
    case 'PledgePublished': {
      const { pendingPublication: _pending, ...rest } = state;
      return { ...rest, status: 'published', publication: { publicationId: event.data.publicationId, publishedAt: event.data.publishedAt } };
    }
    case 'PledgePublicationNoticed':
      return { ...state, pendingPublication: { publicationId: event.data.publicationId, publishedBy: event.data.publishedBy, publishedAt: event.data.publishedAt } };
    case 'ProgressRecorded': {
      const { pledgeId: _id, ...record } = event.data;
      return { ...state, records: { ...state.records, [record.recordId]: record } };
    }
    case 'PledgeClosed':
      return { ...state, status: 'closed' };
  }
}

/**
 * Folds a stream. Same result as `events.reduce(evolvePledge, from)`, but fulfilment records
 * are gathered in one object instead of being copied at every event, so a pledge with
 * thousands of records folds in linear time.
 */
export function foldPledge(events: readonly PledgeEvent[], from: PledgeState): PledgeState {
  const records = { ...from.records };
  let state: PledgeState = { ...from, records };
  for (const event of events) {
    if (event.type === 'ProgressRecorded') {
      const { pledgeId: _id, ...record } = event.data;
      records[record.recordId] = record;
    } else {
      state = evolvePledge(state, event);
    }
  }
  return { ...state, records };
}
