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
  clock?: Clock;
  onParked?(message: BusMessage, error: unknown): void;
}

/** Handles one event. Throwing asks for a retry; after maxAttempts the message is parked. */
export type EventHandler = (event: CloudEvent, message: BusMessage) => Promise<void>;

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

  const handleOne = async (message: BusMessage) => {
    if (options.contracts) {
      const contracts: ContractRegistry = options.contracts;
      try {
        contracts.validate(message.value);
      } catch (violation) {
        await park(bus, message, options.groupId, violation, 0, clock.now());
        options.onParked?.(message, violation);
        return;
      }
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler(message.value, message);
        return;
      } catch (error) {
        if (stopping.signal.aborted) throw error;
        if (attempt >= maxAttempts) {
          await park(bus, message, options.groupId, error, attempt, clock.now());
          options.onParked?.(message, error);
          return;
        }
        await sleep(backoffDelay(attempt, options.retryBaseMs ?? 100, options.retryMaxMs ?? 5_000), stopping.signal);
      }
    }
  };

  const consumer = await bus.consume({ groupId: options.groupId, topics: options.topics, maxBatch: options.maxBatch }, async (batch) => {
    for (const message of batch) await handleOne(message);
  });
  return {
    done: consumer.done,
    async stop() {
      stopping.abort();
      await consumer.stop();
    },
  };
}
