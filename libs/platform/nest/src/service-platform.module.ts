import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import { eventStoreEngine, messageBusEngine, readModelEngine } from '@pledgebook/infrastructure';
import type { MessageBus } from '@pledgebook/message-bus';
import type { ReadModelStore } from '@pledgebook/read-model';
import { HttpPlatformModule } from './http-platform.module';
import { InfrastructureModule } from './infrastructure.module';
import { readModelDenialSink } from './observability/access-audit';
import { allDenialSinks, chainedDenialSink } from './observability/chained-denials';
import type { HealthProbes } from './observability/health.controller';
import { ObservabilityModule } from './observability/observability.module';
import type { ServiceConfig } from './service-config';
import { EVENT_STORE, MESSAGE_BUS, READ_MODELS } from './tokens';

/** What every service has: the ports, a token on every route, problem documents, health, metrics, audit. */
@Module({})
export class ServicePlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        ObservabilityModule.forRoot({
          service: config.service,
          probes: {
            useFactory: (events: EventStore, bus: MessageBus, views: ReadModelStore): HealthProbes => ({
              eventStore: { engine: eventStoreEngine(config.eventStoreUrl), check: async () => ({ head: await events.headPosition() }) },
              messageBus: { engine: messageBusEngine(config.busUrl), check: () => bus.ping() },
              readModels: { engine: readModelEngine(config.readModelUrl), check: () => views.ping() },
            }),
            inject: [EVENT_STORE, MESSAGE_BUS, READ_MODELS],
          },
          // Kept in the service's views, and chained in the bureau's audit log in the event store (ADR 0080).
          denialSink: { useFactory: (views: ReadModelStore, events: EventStore) => allDenialSinks(readModelDenialSink(views), chainedDenialSink(events)), inject: [READ_MODELS, EVENT_STORE] },
        }),
        InfrastructureModule.forRoot(config),
        HttpPlatformModule.forRoot(config.auth),
      ],
      exports: [InfrastructureModule],
    };
  }
}
