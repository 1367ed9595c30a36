import type { CloudEvent, ContractRegistry } from '@pledgebook/contracts';
import { backoffDelay, sleep, systemClock, type Clock } from '@pledgebook/util';
import { park } from './dead-letter';
import type { BusMessage, ConsumerHandle, MessageBus } from './types';

export interface ConsumerRunnerOptions {
  groupId: string;
  topics: readonly string[];
  /** Validates every incoming event against its schema; a violation is parked at once. */
  contracts?: ContractRegistry;
  /** Attempts before a message is parked (default 5). */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxBatch?: number;
  /** The event types the handler wants; the bus passes over the others (ConsumeOptions.types), unchecked. */
  types?: readonly string[];
  /**
   * Handles a partition's batch at once (e.g. one append for many events), where that is cheaper
   * than one at a time. If it throws, the batch's events go through the handler one at a time,
   * with its retries and parking — so it must be idempotent, as the handler is.
   */
  batchHandler?: BatchEventHandler;
  /** Told when the batch handler failed and the batch goes one at a time instead. */
  onBatchFailed?(error: unknown): void;
  clock?: Clock;
  onParked?(message: BusMessage, error: unknown): void;
}

/** Handles one event. Throwing asks for a retry; after maxAttempts the message is parked. */
export type EventHandler = (event: CloudEvent, message: BusMessage) => Promise<void>;

/** Handles valid events of one partition, in order, together. */
export type BatchEventHandler = (events: CloudEvent[], messages: BusMessage[]) => Promise<void>;

/**
 * Runs a handler over a consumer group: in order per partition, committed after success,
 * retried with exponential backoff, and parked in `<topic>.dlq` with its error after the last
 * attempt so the partition moves on. Delivery is at-least-once: handlers deduplicate by
 * event id (see the read-model inbox).
 */
export async function runConsumer(bus: MessageBus, options: ConsumerRunnerOptions, handler: EventHandler): Promise<ConsumerHandle> {
  const maxAttempts = options.maxAttempts ?? 5;
  const clock = options.clock ?? systemClock;
  const stopping = new AbortController();

  /** Why a message's event breaks its contract, or undefined when it keeps it. */
  const violationOf = (message: BusMessage): unknown => {
    try {
      options.contracts?.validate(message.value);
      return undefined;
    } catch (violation) {
      return violation ?? new Error('contract violation');
    }
  };

  /** Parks the message with why, after `attempts` tries of the handler (0: it broke its contract). */
  const parkWith = async (message: BusMessage, error: unknown, attempts: number) => {
    await park(bus, message, options.groupId, error, attempts, clock.now());
    options.onParked?.(message, error);
  };

  const handleOne = async (message: BusMessage) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler(message.value, message);
        return;
      } catch (error) {
        if (stopping.signal.aborted) throw error;
        if (attempt >= maxAttempts) return parkWith(message, error, attempt);
        await sleep(backoffDelay(attempt, options.retryBaseMs ?? 100, options.retryMaxMs ?? 5_000), stopping.signal);
      }
    }
  };

  const consumer = await bus.consume({ groupId: options.groupId, topics: options.topics, maxBatch: options.maxBatch, ...(options.types ? { types: options.types } : {}) }, async (batch) => {
    // Every event is checked against its contract before any handler sees it; one that breaks it is parked in its turn.
    const checked = batch.map((message) => ({ message, violation: violationOf(message) }));
    const valid = checked.filter((c) => c.violation === undefined).map((c) => c.message);
    if (options.batchHandler && valid.length > 1) {
      try {
        await options.batchHandler(
          valid.map((m) => m.value),
          valid,
        );
        for (const c of checked) if (c.violation !== undefined) await parkWith(c.message, c.violation, 0);
        return;
      } catch (error) {
        if (stopping.signal.aborted) throw error;
        options.onBatchFailed?.(error);
        // One at a time from here: each event with its own retries, and parked alone if it keeps failing.
      }
    }
    for (const c of checked) {
      if (c.violation !== undefined) await parkWith(c.message, c.violation, 0);
      else await handleOne(c.message);
    }
  });
  return {
    done: consumer.done,
    async stop() {
      stopping.abort();
      await consumer.stop();
    },
  };
}
