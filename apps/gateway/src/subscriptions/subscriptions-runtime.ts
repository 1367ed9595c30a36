import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import { BUREAUS, type DeliveryWorker, type SubscriptionStore, type WebhookSender } from '@pledgebook/gateway-subscriptions';
import type { MessageBus } from '@pledgebook/message-bus';
import { ContextRuntime, type Metrics } from '@pledgebook/nest';
import { holdLease, Lease, type HeldLease, type ReadModelStore } from '@pledgebook/read-model';
import { backoffDelay, sleep } from '@pledgebook/util';
import { hostname } from 'node:os';
import type { SubscriptionSettings } from '../config';
import { bureauFactsConsumer, bureausProjection } from './bureau-facts';

export interface RuntimeParts {
  events: EventStore;
  bus: MessageBus;
  views: ReadModelStore;
  store: SubscriptionStore;
  worker: DeliveryWorker;
  sender: WebhookSender;
}

/**
 * What runs beside the subscriptions API: the bureau facts (consumer and view, under the
 * gateway's context lease) and webhook delivery (under its own lease, so one process delivers
 * at a time). Process role `api` runs neither; `all` runs both without a lease.
 */
export class SubscriptionsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('subscriptions');
  private readonly facts: ContextRuntime;
  private readonly stopping = new AbortController();
  private lease?: HeldLease;

  constructor(
    private readonly parts: RuntimeParts,
    private readonly settings: Pick<SubscriptionSettings, 'processRole' | 'workerLeaseTtlMs'>,
    metrics: Metrics,
  ) {
    this.facts = new ContextRuntime(
      { events: parts.events, bus: parts.bus, views: parts.views, metrics },
      { name: 'gateway', projections: [bureausProjection], indexes: { [BUREAUS]: [{ fields: ['parentBureauId'] }] }, consumers: [bureauFactsConsumer(parts.events)] },
      { role: settings.processRole, leaseTtlMs: settings.workerLeaseTtlMs },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.facts.start();
    void this.startDelivery();
  }

  private async startDelivery(): Promise<void> {
    // The store may not answer yet (distributed profile): keep trying, the API listens meanwhile.
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.parts.store.ensureIndexes();
        break;
      } catch (error) {
        this.logger.warn(`subscription indexes (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`);
        await sleep(backoffDelay(attempt, 250, 10_000), this.stopping.signal);
      }
    }
    if (this.stopping.signal.aborted || this.settings.processRole === 'api') return;
    if (this.settings.processRole === 'all') return this.parts.worker.start();
    const owner = `${hostname()}/${process.pid}`;
    this.lease = holdLease(new Lease(this.parts.views, { name: 'gateway.subscriptions', owner, ttlMs: this.settings.workerLeaseTtlMs }), this.settings.workerLeaseTtlMs, {
      acquired: () => {
        this.logger.log(`delivery lease held by ${owner}: delivering webhooks`);
        this.parts.worker.start();
      },
      lost: () => {
        this.logger.error(`delivery lease lost by ${owner}: shutting down`);
        process.kill(process.pid, 'SIGTERM');
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.parts.worker.stop();
    await this.lease?.stop();
    await this.facts.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.parts.sender.close();
    await Promise.allSettled([this.parts.bus.close(), this.parts.views.close()]);
    await this.parts.events.close();
  }
}
