/** A read-model document: plain JSON with a string `_id`. */
export type ViewDocument = { _id: string } & Record<string, unknown>;

/** A MongoDB query filter (the subset mingo and MongoDB share). */
export type Filter = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;
/** MongoDB update operators: $set, $unset, $inc, $push, $pull, $addToSet, ... */
export type UpdateSpec = Record<string, unknown>;

export interface FindOptions {
  /** Sort order; `_id` ascending is always added last, so pages are stable. */
  sort?: Sort;
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when there may be more items. */
  nextCursor?: string;
}

/**
 * Ties a write to the event that caused it: the write happens only if this stream's revision
 * is newer than the last one applied to the document, so a replayed event changes nothing.
 */
export interface RevisionGuard {
  stream: string;
  revision: number;
}

export interface IndexSpec {
  /** Top-level or dotted paths to scalar fields. */
  fields: string[];
  unique?: boolean;
}

export interface CollectionReader<T extends ViewDocument = ViewDocument> {
  findById(id: string): Promise<T | undefined>;
  findOne(filter: Filter): Promise<T | undefined>;
  find(filter?: Filter, options?: FindOptions): Promise<Page<T>>;
  count(filter?: Filter): Promise<number>;
}

export interface CollectionWriter<T extends ViewDocument = ViewDocument> extends CollectionReader<T> {
  /** Inserts or replaces the whole document. False when the guard says it is stale. */
  replace(doc: T, guard?: RevisionGuard): Promise<boolean>;
  /** Applies update operators; with `upsert`, starts from `{ _id }`. False when nothing changed. */
  update(id: string, update: UpdateSpec, options?: { guard?: RevisionGuard; upsert?: boolean }): Promise<boolean>;
  delete(id: string): Promise<boolean>;
}

export interface ReadModelTransaction {
  /** A collection to write; `generation` targets a rebuild in progress instead of the live one. */
  collection<T extends ViewDocument = ViewDocument>(name: string, generation?: number): CollectionWriter<T>;
  /**
   * The inbox: records that `consumer` handled `eventId`, in this transaction. Returns false
   * if it already had, so the caller skips the work (at-least-once delivery, applied once).
   */
  markHandled(consumer: string, eventId: string): Promise<boolean>;
  checkpoint(name: string): Promise<number | undefined>;
  setCheckpoint(name: string, position: number): Promise<void>;
  /** Points readers of `name` at `generation` (used when a rebuild has caught up). */
  activate(name: string, generation: number): Promise<void>;
}

export interface ReadModelStore {
  /** Reads the live generation of a collection. */
  collection<T extends ViewDocument = ViewDocument>(name: string): CollectionReader<T>;
  /**
   * Runs `fn` atomically: all its writes, inbox marks and checkpoints commit together or not at all.
   * `rebuildable`: the writes (and their checkpoint) can be rebuilt from the event store, so the
   * adapter need not wait for the disk flush — the commit survives a process crash, and after a
   * machine crash the writes and their checkpoint are lost together and replayed.
   */
  transaction<R>(fn: (tx: ReadModelTransaction) => Promise<R>, options?: { rebuildable?: boolean }): Promise<R>;
  ensureIndexes(name: string, indexes: readonly IndexSpec[]): Promise<void>;
  /** The live generation of a collection (1 for one never rebuilt). */
  activeGeneration(name: string): Promise<number>;
  /** Removes a generation that is no longer live. */
  dropGeneration(name: string, generation: number): Promise<void>;
  /** Resolves when the store answers (readiness checks); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
