import { keepSubscribed } from './keep-subscribed';
import type { EventFilter, EventStore, RecordedEvent } from './types';

/** Work that follows from an event: a process manager's step. */
export interface Policy {
  /** Names the checkpoint (one per policy). */
  name: string;
  filter: EventFilter;
  /**
   * Acts on one event. Must be idempotent (derive the ids it appends from the event id): after a
   * crash the events since the last checkpoint are handled again.
   */
  handle(event: RecordedEvent): Promise<void>;
}

/**
 * Runs a policy on the event store: from its checkpoint, each event handled in order, the
 * checkpoint stored after each batch. A failing event stops the batch and is retried with backoff.
 */
export class PolicyRunner {
  private readonly stopping = new AbortController();
  private running?: ReturnType<typeof keepSubscribed>;

  constructor(
    private readonly store: EventStore,
    private readonly policy: Policy,
    private readonly options: { batchSize?: number; onError?(error: unknown): void } = {},
  ) {}

  get checkpointName(): string {
    return `policy:${this.policy.name}`;
  }

  start(): void {
    this.running ??= keepSubscribed(
      async () =>
        this.store.subscribeAll(
          { fromCheckpoint: await this.store.loadCheckpoint(this.checkpointName), filter: this.policy.filter, batchSize: this.options.batchSize ?? 100 },
          async (events, checkpoint) => {
            for (const event of events) await this.policy.handle(event);
            await this.store.storeCheckpoint(this.checkpointName, checkpoint);
          },
        ),
      { signal: this.stopping.signal, ...(this.options.onError ? { onError: this.options.onError } : {}) },
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running?.current()?.stop();
    await this.running?.done;
  }
}
