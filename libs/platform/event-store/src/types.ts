/** Who did it and why: carried by every recorded event (DESIGN.md §2). */
export interface EventMetadata {
  bureauId: string;
  actorId: string;
  actorRole: string;
  correlationId: string;
  causationId: string;
  reason?: string;
  [extra: string]: unknown;
}

/** An event to append. `id` defaults to a new UUID v7; give it to make a retry idempotent. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id?: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** Version of the data shape; upcasters lift old versions on read. Defaults to 1. */
  schemaVersion?: number;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  stream: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Position in the store's global order (strictly increasing; gaps allowed). */
  position: number;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** ISO 8601 UTC, non-decreasing within a stream. */
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * The expected state of the stream before an append:
 * any, no_stream (must not exist), stream_exists, or the exact revision of its last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expectedRevision. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: number;
  /** True when every event id was already recorded at this place: nothing was written. */
  idempotent: boolean;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Defaults to the start (forwards) or the end (backwards). */
  from?: number;
  direction?: Direction;
  maxCount?: number;
  /** Only events recorded at or before this instant: the stream as it stood then. */
  asOf?: Date | string;
}

export interface EventFilter {
  /** Keep events whose stream name starts with one of these, e.g. `pledge-`. */
  streamPrefixes?: readonly string[];
  /** Keep events of these types. */
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Read events after this position (exclusive); omit to start at the beginning. */
  after?: number;
  maxCount?: number;
  filter?: EventFilter;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /**
   * Position to continue from. It moves past filtered-out events too, so a sparse filter
   * still makes progress; equal to `after` when nothing new was found.
   */
  lastPosition: number | undefined;
}

export interface SubscribeAllOptions {
  /** Last position already handled (exclusive); omit to start at the beginning. */
  fromCheckpoint?: number;
  filter?: EventFilter;
  /** Events handed to the handler at once. */
  batchSize?: number;
}

/**
 * Called with each batch in global order. The subscription waits for the promise before
 * reading more; a rejection stops the subscription and is reported through `done`.
 * `checkpoint` is the position to store once the batch is handled.
 */
export type SubscriptionHandler = (events: RecordedEvent[], checkpoint: number) => Promise<void>;

export interface Subscription {
  /** Stops after the batch in flight; resolves when stopped. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop, rejects with the handler's error. */
  readonly done: Promise<void>;
}

export interface StreamVerification {
  stream: string;
  ok: boolean;
  eventsChecked: number;
  lastHash?: string;
  /** The first revision whose stored hash or link does not match the recomputation. */
  firstBrokenRevision?: number;
  problem?: 'hash_mismatch' | 'prev_hash_mismatch' | 'revision_gap';
}

/** Named positions for relays and projections (DESIGN.md §2: relays resume from checkpoints). */
export interface CheckpointStore {
  loadCheckpoint(name: string): Promise<number | undefined>;
  storeCheckpoint(name: string, position: number): Promise<void>;
}

export interface EventStore extends CheckpointStore {
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Every event of these streams, whole, in global order (so each stream's in revision order),
   * read at once. Optional: `readStreamsOf` reads stream by stream where an engine has no such read.
   */
  readStreams?(streams: readonly string[]): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event, or undefined if the stream does not exist. */
  streamRevision(stream: string): Promise<number | undefined>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription;
  verifyStream(stream: string): Promise<StreamVerification>;
  /** Position of the last event in the store, or 0 when empty. */
  headPosition(): Promise<number>;
  /**
   * Removes a stream's events from `fromRevision` through `throughRevision` (retention of the audit
   * log, ADR 0079); the stream's head and later revisions stay. Returns how many were removed.
   * Optional: an engine without it keeps everything.
   */
  removeEvents?(stream: string, fromRevision: number, throughRevision: number): Promise<number>;
  close(): Promise<void>;
}
