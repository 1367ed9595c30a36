import { Inject, Injectable } from '@nestjs/common';
import { AggregateStreams, type EventStore } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { initialReviewState, reviewDecider, type ReviewCommand, type ReviewEvent, type ReviewState } from '@pledgebook/review-domain';
import { reviewStream } from '../streams';

/** Reviews on their streams (one per pledge): read, or decided through the one write path. */
@Injectable()
export class ReviewRepository extends AggregateStreams<ReviewCommand, ReviewEvent, ReviewState> {
  constructor(@Inject(EVENT_STORE) events: EventStore) {
    super(events, reviewDecider, { stream: reviewStream, initialState: (pledgeId) => initialReviewState(pledgeId) });
  }
}
