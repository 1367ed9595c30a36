import type { ContractRegistry } from '@pledgebook/contracts';
import { keepSubscribed, type EventFilter, type EventStore, type RecordedEvent } from '@pledgebook/event-store';
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
  private readonly stopping = new AbortController();
  private running?: ReturnType<typeof keepSubscribed>;

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
    this.running ??= keepSubscribed(
      async () =>
        this.store.subscribeAll(
          { fromCheckpoint: await this.store.loadCheckpoint(this.checkpointName), filter: this.options.filter, batchSize: this.options.batchSize ?? 500 },
          async (events, checkpoint) => {
            await this.publish(events);
            await this.store.storeCheckpoint(this.checkpointName, checkpoint);
            this.options.onPublished?.(events.length, checkpoint);
          },
        ),
      { signal: this.stopping.signal, onError: this.options.onError },
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running?.current()?.stop();
    await this.running?.done;
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
