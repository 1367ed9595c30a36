import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ContractRegistry, EVENT_CATALOG, Topics, type CloudEvent } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import { Relay, runConsumer, type ConsumerHandle, type MessageBus } from '@pledgebook/message-bus';
import { EVENT_STORE, MESSAGE_BUS, Metrics, READ_MODELS, type CommandMeta } from '@pledgebook/nest';
import { ProjectionRunner, type ReadModelStore } from '@pledgebook/read-model';
import { withCorrelationId } from '@pledgebook/util';
import { isRecordedFact, recordFact } from './integration/pledge-facts';
import { PLEDGE_CONSUMER_GROUP, pledgeFact } from './integration/pledge-events';
import { mapReviewServiceEvent } from './integration/review-relay.mapping';
import { pledgeFactsProjection } from './projections/pledge-facts.projection';
import { reviewsProjection } from './projections/reviews.projection';
import { MEMBERS, ORG_UNITS, PLEDGE_STARTS, REVIEWS } from './projections/views';
import { DirectoryCopy } from './reviews/directory-copy';
import { DecideReview } from './reviews/review.commands';
import { ReviewRepository } from './reviews/review.repository';
import { REVIEW_STREAM_PREFIXES } from './streams';

/** Beside the HTTP API: the reviews projection, the relay of decisions, and the consumer of pledge events. */
@Injectable()
export class ReviewRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('review-runtime');
  private readonly contracts = new ContractRegistry(EVENT_CATALOG);
  private readonly projections: ProjectionRunner[];
  private readonly relay: Relay;
  private consumer?: ConsumerHandle;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
    private readonly reviews: ReviewRepository,
    private readonly directory: DirectoryCopy,
  ) {
    const onError = (error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error));
    this.projections = [reviewsProjection, pledgeFactsProjection].map((p) => new ProjectionRunner(events, views, p, { onError }));
    this.relay = new Relay(events, bus, { name: 'review-service', filter: { streamPrefixes: REVIEW_STREAM_PREFIXES }, map: mapReviewServiceEvent, contracts: this.contracts, onError });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.views.ensureIndexes(REVIEWS, [
      { fields: ['bureauId', 'status'] },
      { fields: ['groupId'] },
      { fields: ['branchId'] },
      { fields: ['memberIds'] },
      // A group leader's queue: every book one of whose pledgers is in the group (paired books).
      { fields: ['bureauId', 'groupIds', 'status'] },
      { fields: ['bureauId', 'publisher', 'year', 'status'] },
    ]);
    await this.views.ensureIndexes(MEMBERS, [{ fields: ['bureauId', 'branchId'] }, { fields: ['bureauId', 'groupId'] }, { fields: ['bureauId', 'roles'] }]);
    await this.views.ensureIndexes(ORG_UNITS, [{ fields: ['bureauId'] }]);
    await this.views.ensureIndexes(PLEDGE_STARTS, [{ fields: ['bureauId', 'year'] }]);
    for (const runner of this.projections) await runner.start();
    this.relay.start();
    this.metrics.watchRelay(this.relay.checkpointName, this.events);
    this.metrics.watchConsumer(PLEDGE_CONSUMER_GROUP, Topics.pledge, () => this.bus.lag(PLEDGE_CONSUMER_GROUP, Topics.pledge));
    this.consumer = await runConsumer(
      this.bus,
      { groupId: PLEDGE_CONSUMER_GROUP, topics: [Topics.pledge], contracts: this.contracts, onParked: (m, e) => this.logger.warn(`parked ${m.value.type} ${m.value.id}: ${String(e)}`) },
      (event) => withCorrelationId(event.correlationid, () => this.handle(event)),
    );
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
        // A redelivered submission needs no look-up; a new one takes the pledgers' places (nobody reviews their own book).
        if (fact.data.round <= (await this.reviews.load(fact.data.pledgeId)).state.round) return;
        const places = await this.directory.placesOf(fact.data.bureauId, fact.data.pledger.memberIds);
        await this.commands.execute(new DecideReview(fact.data.pledgeId, { type: 'OpenRound', ...fact.data, places, at: event.time }, meta));
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

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay.stop();
    await Promise.all(this.projections.map((p) => p.stop()));
  }
}
