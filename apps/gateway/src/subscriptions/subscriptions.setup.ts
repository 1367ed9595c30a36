import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { EVENT_CATALOG } from '@pledgebook/contracts';
import {
  acceleratedClock,
  AllowList,
  BureauDirectory,
  DEFAULT_RETRY_SCHEDULE,
  DeliveryWorker,
  SecretBox,
  SubscriptionStore,
  SubscriptionsService,
  TopicCatalog,
  TopicWatcher,
  WebhookSender,
  WebhookSigner,
  WriteBuffer,
  type SubscriberAccounts,
} from '@pledgebook/gateway-subscriptions';
import { openEventStore, openMessageBus, openReadModelStore } from '@pledgebook/infrastructure';
import { Metrics, useJsonLogging, type HealthProbes } from '@pledgebook/nest';
import type { GatewayConfig } from '../config';
import { BUREAU_VIEWS, BureauTreeController } from '../bureaus/bureau-tree.controller';
import { SubscriptionsController } from './subscriptions.controller';
import { loadSecretKeys } from './secret-keys';
import { subscriptionProbes } from './subscription-probes';
import { SubscriptionsRuntime } from './subscriptions-runtime';
import { SUBSCRIPTIONS } from './subscriptions.tokens';

/** An event of a bureau not known yet waits this long for the bureau's registration before it counts as outside a scope. */
const HIERARCHY_GRACE_MS = 30_000;

@Module({})
class SubscriptionsModule {}

/**
 * Outside subscriptions at the gateway (DESIGN.md §2 "Outside subscribers"): signed webhooks and
 * the event feed, both read from the bus the services' relays publish to.
 */
export async function subscriptionsModule(config: GatewayConfig, subscribers?: SubscriberAccounts): Promise<{ module: DynamicModule; probes: HealthProbes }> {
  const s = config.subscriptions;
  const logger = new Logger('subscriptions');
  const bus = await openMessageBus(s.busUrl, { clientId: 'gateway', logger: useJsonLogging('gateway', config.logLevel), ...(s.engines.bus ? { kafka: s.engines.bus } : {}) });
  const events = await openEventStore(s.eventStoreUrl, { ...(s.engines.eventStore ? { esdb: s.engines.eventStore } : {}) });
  const views = await openReadModelStore(s.readModelUrl, { database: 'gateway', ...(s.engines.readModel ? { mongodb: s.engines.readModel } : {}) });
  // Signing secrets are sealed at rest (ADR 0082).
  const store = new SubscriptionStore(views, new SecretBox(loadSecretKeys(s.secretKeys)));
  const bureaus = new BureauDirectory(views);
  // Kafka is asked for its high marks less often than the embedded bus's file.
  const watcher = new TopicWatcher(bus, s.busUrl.startsWith('kafka://') ? 500 : 50);
  const allowList = new AllowList(s.allowedHosts);
  const sender = new WebhookSender(allowList, { timeoutMs: s.deliveryTimeoutMs });
  const writes = new WriteBuffer(store, 50, (error) => logger.warn(`delivery state not written yet: ${error instanceof Error ? error.message : String(error)}`));
  const worker = new DeliveryWorker(
    {
      bus,
      store,
      writes,
      watcher,
      bureaus,
      sender,
      signer: new WebhookSigner(),
      clock: acceleratedClock(s.clockRate),
      schedule: { ...DEFAULT_RETRY_SCHEDULE, horizonMs: s.retryHorizonMs },
      hierarchyGraceMs: HIERARCHY_GRACE_MS,
      log: (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message)),
    },
    { refreshMs: 500, attemptRetentionMs: 7 * 86_400_000 },
  );
  const service = new SubscriptionsService({
    store,
    bus,
    bureaus,
    watcher,
    catalog: new TopicCatalog(EVENT_CATALOG),
    policy: { allowList, requireHttps: s.requireHttps },
    hierarchyGraceMs: HIERARCHY_GRACE_MS,
    ...(subscribers ? { subscribers } : {}),
  });
  const module: DynamicModule = {
    module: SubscriptionsModule,
    // The bureau tree reads the same bureau view the scopes follow.
    controllers: [SubscriptionsController, BureauTreeController],
    providers: [
      { provide: SUBSCRIPTIONS, useValue: service },
      { provide: BUREAU_VIEWS, useValue: views },
      { provide: SubscriptionsRuntime, useFactory: (metrics: Metrics) => new SubscriptionsRuntime({ events, bus, views, store, worker, sender }, s, metrics), inject: [Metrics] },
    ],
  };
  return { module, probes: subscriptionProbes({ events, bus, views }, s) };
}
