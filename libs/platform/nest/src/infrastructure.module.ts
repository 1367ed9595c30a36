import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import { openEventStore, openMessageBus, openReadModelStore } from '@pledgebook/infrastructure';
import type { MessageBus } from '@pledgebook/message-bus';
import type { ReadModelStore } from '@pledgebook/read-model';
import { useJsonLogging } from './bootstrap';
import { countingAppends, Metrics } from './observability/metrics';
import type { ServiceConfig } from './service-config';
import { EVENT_STORE, MESSAGE_BUS, READ_MODELS, SERVICE_CONFIG } from './tokens';

/** Closes the stores when Nest shuts down (SIGTERM, Ctrl-C). */
class InfrastructureLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.bus.close(), this.views.close()]);
    await this.events.close();
  }
}

/** Provides the three ports, with the embedded or distributed adapter each URL names (needs ObservabilityModule). */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: async (metrics: Metrics) => countingAppends(await openEventStore(config.eventStoreUrl, { esdb: config.engines?.eventStore }), metrics), inject: [Metrics] },
        // The bus client's own log lines (kafkajs) become the process's JSON lines.
        { provide: MESSAGE_BUS, useFactory: () => openMessageBus(config.busUrl, { clientId: config.service, logger: useJsonLogging(config.service, config.logLevel), kafka: config.engines?.bus }) },
        { provide: READ_MODELS, useFactory: () => openReadModelStore(config.readModelUrl, { database: config.service.replace(/-/g, '_'), mongodb: config.engines?.readModel }) },
        InfrastructureLifecycle,
      ],
      exports: [SERVICE_CONFIG, EVENT_STORE, MESSAGE_BUS, READ_MODELS],
    };
  }
}
