import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Topics } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import type { MessageBus } from '@pledgebook/message-bus';
import { ContextRuntime, EVENT_STORE, MESSAGE_BUS, Metrics, READ_MODELS, SERVICE_CONFIG, type ServiceConfig } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { DomainError } from '@pledgebook/util';
import { mapPledgeServiceEvent } from './integration/pledge-relay.mapping';
import { commandsForReviewEvent, REVIEW_CONSUMER_GROUP } from './integration/review-decisions.consumer';
import { ChangePledge } from './pledges/pledge.commands';
import { closeYearPolicy } from './policies/close-year.policy';
import { directoryProjection, MEMBERS, ORG_UNITS } from './projections/directory.projection';
import { PLEDGES, pledgesProjection } from './projections/pledges.projection';
import { PLEDGE_STREAM_PREFIXES } from './streams';

const logger = new Logger('pledge-runtime');

/** The book was closed with its year or withdrawn before the decision arrived. */
const isSettledBook = (error: unknown) => error instanceof DomainError && error.code === 'wrong_state' && ['closed', 'withdrawn'].includes(String(error.details.currentState));

/** What runs beside the HTTP API: projections, the relay, the review-decision consumer. */
@Injectable()
export class PledgeRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runtime: ContextRuntime;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(READ_MODELS) views: ReadModelStore,
    commands: CommandBus,
    metrics: Metrics,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.runtime = new ContextRuntime(
      { events, bus, views, metrics },
      {
        name: 'pledge-service',
        relay: { streamPrefixes: PLEDGE_STREAM_PREFIXES, map: mapPledgeServiceEvent },
        projections: [pledgesProjection, directoryProjection],
        indexes: {
          // In the order the queries filter and sort (ADR 0028): list pages, the board, a member's books.
          [PLEDGES]: [
            { fields: ['bureauId', 'year', 'updatedAt'] },
            { fields: ['bureauId', 'year', 'status', 'updatedAt'] },
            { fields: ['bureauId', 'branchId', 'year', 'publishedAt'] },
            { fields: ['bureauId', 'memberIds', 'year'] },
            { fields: ['bureauId', 'groupId'] },
          ],
          [MEMBERS]: [{ fields: ['bureauId', 'name'] }],
          [ORG_UNITS]: [{ fields: ['bureauId', 'type', 'name'] }],
        },
        policies: ({ projection }) => [closeYearPolicy({ events, views, commands, pledgesCheckpoint: () => projection(pledgesProjection.name).checkpoint() })],
        consumers: [
          {
            groupId: REVIEW_CONSUMER_GROUP,
            topics: [Topics.review],
            async handle(event) {
              for (const { pledgeId, command, meta } of commandsForReviewEvent(event)) {
                try {
                  await commands.execute(new ChangePledge(pledgeId, command, meta));
                } catch (error) {
                  // A decision that reached a book already closed with its year (or withdrawn) is final news, not a poison message.
                  if (!isSettledBook(error)) throw error;
                  logger.warn(`review decision ${event.id} on pledge ${pledgeId} ignored: the book is ${String((error as DomainError).details.currentState)}`);
                }
              }
            },
          },
        ],
      },
      { role: config.processRole, leaseTtlMs: config.workerLeaseTtlMs },
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start();
  }

  // Before the stores close (they close in onApplicationShutdown).
  beforeApplicationShutdown(): Promise<void> {
    return this.runtime.stop();
  }
}
