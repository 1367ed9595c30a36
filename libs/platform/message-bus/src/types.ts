import type { CloudEvent } from '@pledgebook/contracts';

export type Headers = Record<string, string>;

export interface OutgoingMessage {
  /** Partition key: the aggregate id, so one aggregate's events stay in order. */
  key: string;
  value: CloudEvent;
  headers?: Headers;
}

export interface BusMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: CloudEvent;
  headers: Headers;
}

export interface ConsumeOptions {
  groupId: string;
  topics: readonly string[];
  /** Largest batch handed to the handler at once (one partition per batch). */
  maxBatch?: number;
  /**
   * Only messages whose CloudEvent `type` is one of these reach the handler; the others are
   * passed over, their offsets committed with the batch's (a batch of none commits without
   * calling the handler). The embedded adapter passes them over without decoding them. An empty
   * list is refused (`typeFilter`).
   */
  types?: readonly string[];
}

/**
 * Receives one partition's messages in offset order. The adapter commits the batch's offsets
 * after the promise resolves, and redelivers the batch if it rejects. It keeps the group
 * membership alive (heartbeats, lease renewal) while the handler runs.
 */
export type BatchHandler = (messages: BusMessage[]) => Promise<void>;

export interface ConsumerHandle {
  stop(): Promise<void>;
  /** Settles when the consumer ends: resolves on stop, rejects on a fatal error. */
  readonly done: Promise<void>;
}

/** A parked message as listed for operators. */
export interface ParkedMessage {
  /** Offset-based id within the dead-letter topic, used to replay it. */
  parkedId: string;
  originalTopic: string;
  groupId: string;
  error: string;
  attempts: number;
  parkedAt: string;
  message: BusMessage;
}

/** Where reading of one partition starts: the next offset to read. */
export interface PartitionPosition {
  partition: number;
  offset: number;
}

/** A message as the bus holds it: its place and the CloudEvent's JSON as UTF-8 bytes, not parsed. */
export interface RawMessage {
  partition: number;
  offset: number;
  value: Uint8Array;
  /**
   * The CloudEvent attributes readers order and filter by, where the adapter can give them without
   * the reader parsing the value (the embedded bus reads them in SQL beside it). Optional: absent,
   * readers parse the value for them.
   */
  attributes?: RawAttributes;
}

/** A CloudEvent's `id`, `type`, `time` and `bureauid`, as the stored JSON has them (null when it has none). */
export interface RawAttributes {
  id: string | null;
  type: string | null;
  time: string | null;
  bureauid: string | null;
}

export interface PartitionOffsets {
  partition: number;
  /** The first offset still retained. */
  low: number;
  /** The offset the next message published to the partition will get. */
  high: number;
  /** With `at`: the offset of the first message published at or after that time (`high` when there is none). */
  at?: number;
}

export interface MessageBus {
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  consume(options: ConsumeOptions, handler: BatchHandler): Promise<ConsumerHandle>;
  /** Reads a topic from the start without joining a group (operators, dead-letter listing). */
  browse(topic: string, options?: { limit?: number }): Promise<BusMessage[]>;
  /**
   * Reads from the given positions without joining a group (feeds, webhook delivery, replays):
   * up to `limit` messages of each partition named, in offset order within a partition.
   */
  read(topic: string, from: readonly PartitionPosition[], options?: { limit?: number }): Promise<BusMessage[]>;
  /**
   * `read` without parsing: the same messages from the same positions with the same limit, each
   * value as the bytes of JSON the bus holds, for readers that pass events on as they are (the
   * feed, webhook bodies). Every adapter has it (ADR 0089).
   */
  readRaw(topic: string, from: readonly PartitionPosition[], options?: { limit?: number }): Promise<RawMessage[]>;
  /** Every partition of the topic with its retained range; with `at`, also the offset of the first message published at or after that time. */
  offsets(topic: string, options?: { at?: Date }): Promise<PartitionOffsets[]>;
  /** Messages on the topic that the group has not committed yet, summed over partitions. */
  lag(groupId: string, topic: string): Promise<number>;
  /** Resolves when the bus answers (readiness checks); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Optional: a hint that something may have been published, by any process — the embedded bus
   * has it from file events. Readers that poll `offsets` wait on it instead of a fixed interval.
   */
  readonly changes?: ChangeSignal;
}

/** Tells waiters that something may have changed; a hint, never a promise that it did. */
export interface ChangeSignal {
  /** Take this before reading; pass it to `wait` so a change in between is not slept through. */
  readonly generation: number;
  /** Resolves on the next change (at once if one came after `since`), after `timeoutMs`, or on abort. */
  wait(timeoutMs: number, signal?: AbortSignal, since?: number): Promise<void>;
}
