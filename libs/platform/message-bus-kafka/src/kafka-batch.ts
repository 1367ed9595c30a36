import type { KafkaMessage } from 'kafkajs';
import type { BatchHandler, BusMessage } from '@pledgebook/message-bus';
import { fromKafkaMessage } from './kafka-message';

type Offsets = { topics: { topic: string; partitions: { partition: number; offset: string }[] }[] };

/** What kafkajs hands `eachBatch` (the parts we use), so the glue can be exercised without a broker. */
export interface BatchControls {
  batch: { topic: string; partition: number; messages: KafkaMessage[] };
  resolveOffset(offset: string): void;
  commitOffsetsIfNecessary(offsets?: Offsets): Promise<void>;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface BatchOptions {
  maxBatch: number;
  /** Only these CloudEvent types reach the handler; a chunk's others are passed over and committed with it. */
  types?: ReadonlySet<string>;
  heartbeatMs: number;
  /** Our consumer is stopping: finish the chunk in hand, start no other attempt. */
  stopping(): boolean;
  /** Pause before the next attempt after `failures` failed ones. */
  backoffMs(failures: number): number;
}

/** A record of a wanted type; one without a value (a tombstone) or a type is passed over, as the embedded bus does. */
function isWanted(message: BusMessage, types: ReadonlySet<string>): boolean {
  const type = (message.value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && types.has(type);
}

/**
 * Handles one fetched batch in chunks of `maxBatch`. After a chunk succeeds its last offset is
 * resolved (with `eachBatchAutoResolve: false` kafkajs fetches from the resolved offset, so an
 * unresolved batch comes back until a rebalance: kafkajs #679) and committed through the
 * batch's own `commitOffsetsIfNecessary(offsets)`, which goes straight to the group — unlike
 * `consumer.commitOffsets`, which returns without committing once the runner is stopping, so
 * every graceful stop redelivered the last batch. A failing chunk is retried with backoff while
 * heartbeats go on; if a heartbeat fails (the group is rebalancing, the partition may be someone
 * else's) the retries stop and the error goes back to kafkajs, which rejoins the group.
 */
export async function handleBatch(controls: BatchControls, handler: BatchHandler, options: BatchOptions): Promise<void> {
  const { topic, partition } = controls.batch;
  const messages = controls.batch.messages.map((m) => fromKafkaMessage(topic, partition, m));
  const { types } = options;
  for (let i = 0; i < messages.length; i += options.maxBatch) {
    const chunk = messages.slice(i, i + options.maxBatch);
    const wanted = types ? chunk.filter((m) => isWanted(m, types)) : chunk;
    if (wanted.length > 0 && !(await handleChunk(controls, wanted, handler, options))) return;
    const last = chunk[chunk.length - 1]!;
    controls.resolveOffset(String(last.offset));
    await controls.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: String(last.offset + 1) }] }] });
    await controls.heartbeat();
  }
}

/** True once the handler succeeded; false when stopped first (nothing committed: redelivered later). */
async function handleChunk(controls: BatchControls, chunk: BusMessage[], handler: BatchHandler, options: BatchOptions): Promise<boolean> {
  let lost: { error: unknown } | undefined;
  const beat = setInterval(() => {
    controls.heartbeat().catch((error: unknown) => (lost ??= { error }));
  }, options.heartbeatMs);
  const givingUp = () => lost !== undefined || !controls.isRunning() || controls.isStale() || options.stopping();
  try {
    for (let failures = 0; ; failures += 1) {
      if (lost) throw lost.error;
      if (givingUp()) return false;
      try {
        await handler(chunk);
        return true;
      } catch {
        await pause(options.backoffMs(failures + 1), givingUp);
      }
    }
  } finally {
    clearInterval(beat);
  }
}

/** Sleeps `ms`, waking early when `stop()` turns true. */
async function pause(ms: number, stop: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(50, until - Date.now())));
}
