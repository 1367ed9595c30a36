import type { EventFilter, RecordedEvent } from '@pledgebook/event-store';
import type { CollectionWriter, ReadModelTransaction, ViewDocument } from './types';

/** What a projection sees while applying one event: its collections, in the generation being written. */
export interface ProjectionContext {
  collection<T extends ViewDocument = ViewDocument>(name: string): CollectionWriter<T>;
  readonly tx: ReadModelTransaction;
}

/**
 * A read model built from the event store. `version` is the version of this code: raise it
 * when `apply` changes, and the runner rebuilds into a new generation while the old one keeps
 * serving, then switches.
 */
export interface Projection {
  name: string;
  version: number;
  collections: readonly string[];
  filter: EventFilter;
  apply(event: RecordedEvent, context: ProjectionContext): Promise<void>;
  /**
   * When present, the runner hands each batch here instead of calling `apply` per event: a
   * projection folding many events into few documents then reads and writes each once a batch.
   */
  applyBatch?(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
  /**
   * When present, a rebuild hands its batches to one fold made here instead: the projection may
   * hold what it folded across batches (its fresh generation holds only what it wrote) and must
   * have written all of it when `flush` returns; the runner flushes just before readers switch.
   */
  rebuildFold?(): RebuildFold;
}

/** A rebuild's batches folded by a projection that may write its documents later than each batch. */
export interface RebuildFold {
  applyBatch(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
  flush(context: ProjectionContext): Promise<void>;
}
