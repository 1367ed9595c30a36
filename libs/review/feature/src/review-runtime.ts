import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Topics, type CloudEvent } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import type { MessageBus } from '@pledgebook/message-bus';
import { ContextRuntime, EVENT_STORE, MESSAGE_BUS, Metrics, READ_MODELS, SERVICE_CONFIG, type CommandMeta, type ServiceConfig } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { isRecordedFact, recordFact } from './integration/pledge-facts';
import { PLEDGE_CONSUMER_GROUP, pledgeFact } from './integration/pledge-events';
import { mapReviewServiceEvent } from './integration/review-relay.mapping';
import { pledgeFactsProjection } from './projections/pledge-facts.projection';
import { reviewsProjection } from './projections/reviews.projection';
import { MEMBERS, ORG_UNITS, PLEDGE_STARTS, REVIEWS } from './projections/views';
import { DirectoryCopy } from './reviews/directory-copy';
import { DecideReview } from './reviews/review.commands';
import { REVIEW_STREAM_PREFIXES } from './streams';

/** Beside the HTTP API: the reviews and facts projections, the relay of decisions, and the consumer of pledge events. */
@Injectable()
export class ReviewRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runtime: ContextRuntime;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(READ_MODELS) views: ReadModelStore,
    private readonly commands: CommandBus,
    metrics: Metrics,
    private readonly directory: DirectoryCopy,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.runtime = new ContextRuntime(
      { events, bus, views, metrics },
      {
        name: 'review-service',
        relay: { streamPrefixes: REVIEW_STREAM_PREFIXES, map: mapReviewServiceEvent },
        projections: [reviewsProjection, pledgeFactsProjection],
        indexes: {
          [REVIEWS]: [
            { fields: ['bureauId', 'status'] },
            { fields: ['groupId'] },
            { fields: ['branchId'] },
            { fields: ['memberIds'] },
            // A group leader's queue: every book one of whose pledgers is in the group (paired books).
            { fields: ['bureauId', 'groupIds', 'status'] },
            { fields: ['bureauId', 'publisher', 'year', 'status'] },
            { fields: ['bureauId', 'branchId', 'year', 'status'] },
          ],
          [MEMBERS]: [{ fields: ['bureauId', 'branchId'] }, { fields: ['bureauId', 'groupId'] }, { fields: ['bureauId', 'roles'] }],
          [ORG_UNITS]: [{ fields: ['bureauId'] }],
          [PLEDGE_STARTS]: [{ fields: ['bureauId', 'year'] }],
        },
        consumers: [{ groupId: PLEDGE_CONSUMER_GROUP, topics: [Topics.pledge], handle: (event) => this.handle(event) }],
      },
      { role: config.processRole, leaseTtlMs: config.workerLeaseTtlMs },
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start();
  }

  private async handle(event: CloudEvent): Promise<void> {
    const fact = pledgeFact(event);
    if (isRecordedFact(fact)) {
      await recordFact(this.events, event, { actorId: event.actorid, correlationId: event.correlationid });
      return;
    }
    // Event ids follow from the message id: a redelivered submission appends nothing new.
    const meta: CommandMeta = { bureauId: event.bureauid, actorId: event.actorid, actorRole: 'member', correlationId: event.correlationid, causationId: event.id, idempotencySeed: event.id };
    switch (fact.kind) {
      case 'submitted': {
        // One read of the review: a redelivered submission needs no look-up (the decider ignores a round it has);
        // a new one takes the pledgers' places (nobody reviews their own book).
        const open = async ({ state }: { state: { round: number } }) => {
          // The submission carries the pledgers' places; older ones are looked up in this service's directory copy.
          const carried = fact.data.places?.length === fact.data.pledger.memberIds.length ? fact.data.places : undefined;
          const places = fact.data.round <= state.round ? [] : (carried ?? (await this.directory.placesOf(fact.data.bureauId, fact.data.pledger.memberIds)));
          return { type: 'OpenRound' as const, ...fact.data, places, at: event.time };
        };
        await this.commands.execute(new DecideReview(fact.data.pledgeId, open, meta));
        return;
      }
      case 'withdrawn':
        await this.commands.execute(new DecideReview(fact.pledgeId, { type: 'CloseWithdrawn', reason: fact.reason, at: event.time }, meta));
        return;
      case 'closed':
        // The year was closed: the pledge service closed the book, so its review closes too.
        await this.commands.execute(new DecideReview(fact.pledgeId, { type: 'CloseWithYear', year: fact.year, at: event.time }, { ...meta, actorRole: 'system' }));
        return;
      default:
        return;
    }
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.runtime.stop();
  }
}
