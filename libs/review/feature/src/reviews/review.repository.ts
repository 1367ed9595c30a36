import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { foldReview, initialReviewState, type ReviewEvent, type ReviewState } from '@pledgebook/review-domain';
import { reviewStream } from '../streams';

export interface LoadedReview {
  state: ReviewState;
  revision: number;
  events: RecordedEvent[];
}

/** A review is always decided on its own stream, folded fresh. */
@Injectable()
export class ReviewRepository {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async load(pledgeId: string): Promise<LoadedReview> {
    const events = await this.events.readStream(reviewStream(pledgeId));
    const state = foldReview(
      events.map((e) => ({ type: e.type, data: e.data }) as ReviewEvent),
      initialReviewState(pledgeId),
    );
    return { state, revision: events.length - 1, events };
  }
}
