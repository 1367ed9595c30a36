import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import type { MessageBus } from '@pledgebook/message-bus';
import { ContextRuntime, EVENT_STORE, MESSAGE_BUS, Metrics, READ_MODELS, SERVICE_CONFIG, type ServiceConfig } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { pledgeFactsConsumer } from './facts/pledge-facts.consumer';
import { factsProjection } from './projections/facts.projection';
import { BOOKS, MEMBERS, ORG_UNITS } from './projections/facts.views';

/** What runs beside the appraisal API: the facts it takes in, its projections, its relay. */
@Injectable()
export class AppraisalRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runtime: ContextRuntime;

  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(MESSAGE_BUS) bus: MessageBus, @Inject(READ_MODELS) views: ReadModelStore, metrics: Metrics, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.runtime = new ContextRuntime(
      { events, bus, views, metrics },
      {
        name: 'appraisal-service',
        projections: [factsProjection],
        indexes: {
          [MEMBERS]: [{ fields: ['bureauId', 'groupId'] }, { fields: ['bureauId', 'branchId'] }],
          [ORG_UNITS]: [{ fields: ['bureauId'] }],
          [BOOKS]: [{ fields: ['bureauId', 'year', 'status'] }, { fields: ['bureauId', 'groupId'] }],
        },
        consumers: [pledgeFactsConsumer(events)],
      },
      { role: config.processRole, leaseTtlMs: config.workerLeaseTtlMs },
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.runtime.stop();
  }
}
