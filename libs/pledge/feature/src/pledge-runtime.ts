import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ContractRegistry, EVENT_CATALOG, Topics } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import { Relay, runConsumer, type ConsumerHandle, type MessageBus } from '@pledgebook/message-bus';
import { EVENT_STORE, MESSAGE_BUS, Metrics, READ_MODELS } from '@pledgebook/nest';
import { ProjectionRunner, type ReadModelStore } from '@pledgebook/read-model';
import { mapPledgeServiceEvent } from './integration/pledge-relay.mapping';
import { commandsForReviewEvent, REVIEW_CONSUMER_GROUP } from './integration/review-decisions.consumer';
import { ChangePledge } from './pledges/pledge.commands';
import { directoryProjection, MEMBERS, ORG_UNITS } from './projections/directory.projection';
import { PLEDGES, pledgesProjection } from './projections/pledges.projection';
import { PLEDGE_STREAM_PREFIXES } from './streams';

const RELAY_NAME = 'pledge-service';

/** Starts what runs beside the HTTP API: projections, the relay, the review-decision consumer. */
@Injectable()
export class PledgeRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('pledge-runtime');
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
  ) {
    const onError = (error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error));
    this.projections = [pledgesProjection, directoryProjection].map((p) => new ProjectionRunner(events, views, p, { onError }));
    this.relay = new Relay(events, bus, { name: RELAY_NAME, filter: { streamPrefixes: PLEDGE_STREAM_PREFIXES }, map: mapPledgeServiceEvent, contracts: this.contracts, onError });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.views.ensureIndexes(PLEDGES, [{ fields: ['bureauId'] }, { fields: ['branchId'] }, { fields: ['year'] }]);
    await this.views.ensureIndexes(MEMBERS, [{ fields: ['bureauId'] }]);
    await this.views.ensureIndexes(ORG_UNITS, [{ fields: ['bureauId'] }]);
    for (const runner of this.projections) await runner.start();
    this.relay.start();
    this.metrics.watchRelay(this.relay.checkpointName, this.events);
    this.metrics.watchConsumer(REVIEW_CONSUMER_GROUP, Topics.review, () => this.bus.lag(REVIEW_CONSUMER_GROUP, Topics.review));
    this.consumer = await runConsumer(
      this.bus,
      { groupId: REVIEW_CONSUMER_GROUP, topics: [Topics.review], contracts: this.contracts, onParked: (m, e) => this.logger.warn(`parked ${m.value.type} ${m.value.id}: ${String(e)}`) },
      async (event) => {
        for (const { pledgeId, command, meta } of commandsForReviewEvent(event)) {
          await this.commands.execute(new ChangePledge(pledgeId, command, meta));
        }
      },
    );
  }

  // Before the stores close (they close in onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay.stop();
    await Promise.all(this.projections.map((p) => p.stop()));
  }
}
