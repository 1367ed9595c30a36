import type { ContractRegistry } from '@pledgebook/contracts';
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@pledgebook/event-store';
import { backoffDelay, sleep } from '@pledgebook/util';
import type { IntegrationMessage } from './cloud-event-from';
import type { MessageBus, OutgoingMessage } from './types';

export interface RelayOptions {
  /** Names the checkpoint; one relay per service. */
  name: string;
  /** The service's own streams. */
  filter: EventFilter;
  /** Domain event → integration events (none for internal events). */
  map(event: RecordedEvent): IntegrationMessage[];
  contracts: ContractRegistry;
  batchSize?: number;
  onError?(error: unknown): void;
  onPublished?(count: number, checkpoint: number): void;
}

/**
 * The outbox relay (DESIGN.md §2): tails the service's own streams from a stored checkpoint,
 * maps and validates, publishes, and only then stores the checkpoint. Killed at any point it
 * resumes from the last stored checkpoint; anything published twice carries the same
 * CloudEvent id, which consumers deduplicate.
 */
export class Relay {
  private subscription?: Subscription;
  private readonly stopping = new AbortController();
  private runLoop?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly bus: MessageBus,
    private readonly options: RelayOptions,
  ) {}

  get checkpointName(): string {
    return `relay:${this.options.name}`;
  }

  /** Starts relaying; failures (bus down, invalid mapping) are retried with backoff. */
  start(): void {
    this.runLoop ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.stop();
    await this.runLoop;
  }

  private async loop(): Promise<void> {
    for (let failures = 0; !this.stopping.signal.aborted; ) {
      try {
        const fromCheckpoint = await this.store.loadCheckpoint(this.checkpointName);
        this.subscription = this.store.subscribeAll(
          { fromCheckpoint, filter: this.options.filter, batchSize: this.options.batchSize ?? 500 },
          async (events, checkpoint) => {
            await this.publish(events);
            await this.store.storeCheckpoint(this.checkpointName, checkpoint);
            failures = 0;
            this.options.onPublished?.(events.length, checkpoint);
          },
        );
        await this.subscription.done;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        failures += 1;
        this.options.onError?.(error);
        await sleep(backoffDelay(failures, 200, 10_000), this.stopping.signal);
      }
    }
  }

  private async publish(events: RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const event of events) {
      for (const message of this.options.map(event)) {
        this.options.contracts.validate(message.value);
        const list = byTopic.get(message.topic) ?? [];
        list.push({ key: message.key, value: message.value });
        byTopic.set(message.topic, list);
      }
    }
    for (const [topic, messages] of byTopic) await this.bus.publish(topic, messages);
  }
}
