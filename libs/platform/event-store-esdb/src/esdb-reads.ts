import { matchesFilter, type EventFilter, type ReadAllResult, type RecordedEvent } from '@pledgebook/event-store';
import { fromEsdb, isOwnEvent, type EsdbRecorded } from './esdb-mapping';

/** A server-streamed read: the client's `StreamingRead`, or anything shaped like it. */
export interface CancellableRead<T> extends AsyncIterable<T> {
  cancel(): Promise<void>;
}

/**
 * Visits a read until `visit` returns false, then cancels the call. Leaving a `for await` only
 * unpipes the client's stream: the gRPC call stays open (reads have no deadline), and enough of
 * them exhaust the connection's concurrent streams. Returns whether the read ran to its end.
 */
export async function readUntil<T>(read: CancellableRead<T>, visit: (item: T) => boolean | void): Promise<boolean> {
  let stoppedEarly = false;
  for await (const item of read) {
    if (visit(item) === false) {
      stoppedEarly = true;
      break;
    }
  }
  if (stoppedEarly) await read.cancel();
  return !stoppedEarly;
}

/** One raw entry of `$all` as the client yields it. */
export interface RawAllEntry {
  event?: EsdbRecorded;
}

/** Opens a forward read of `$all` from a prepare position (inclusive, as the server reads), at most `maxCount` entries. */
export type OpenAllRead = (from: number | undefined, maxCount: number) => CancellableRead<RawAllEntry>;

export interface ReadAllPageOptions {
  after?: number;
  maxCount: number;
  filter?: EventFilter;
  /** Raw entries asked of the server per call. */
  pageSize: number;
}

/**
 * Reads our events from `$all` after a position. The client has no server-side filter for reads,
 * so `$all` comes back raw (system events, checkpoint streams, other services' streams): this
 * pages through it until `maxCount` events match or the log ends. `lastPosition` moves past
 * everything looked at, so a sparse filter still progresses.
 */
export async function readAllPage(open: OpenAllRead, options: ReadAllPageOptions): Promise<ReadAllResult> {
  const events: RecordedEvent[] = [];
  let lastPosition = options.after;
  for (let from = options.after; ; from = lastPosition) {
    let seen = 0;
    let full = false;
    await readUntil(open(from, options.pageSize), (entry) => {
      seen += 1;
      const raw = entry.event;
      if (!raw?.position) return true;
      const position = Number(raw.position.prepare);
      if (from !== undefined && position <= from) return true;
      lastPosition = position;
      if (isOwnEvent(raw)) {
        const event = fromEsdb(raw);
        if (matchesFilter(event, options.filter)) events.push(event);
      }
      full = events.length >= options.maxCount;
      return !full;
    });
    // A short page is the end of the log; a page that moved nothing forward would loop.
    if (full || seen < options.pageSize || lastPosition === from) break;
  }
  return { events, lastPosition };
}

/** Readable-shaped source of a live subscription: `read()` returns what is buffered, or null. */
export interface BufferedSource<T> extends AsyncIterable<T> {
  read(): T | null;
}

/**
 * Groups a subscription's entries into batches of at most `size`: each batch holds the entry
 * that arrived plus whatever is already buffered behind it, so catch-up reads come in full
 * batches and live events are not held back waiting for company.
 */
export async function* inBatches<T>(source: BufferedSource<T>, size: number): AsyncGenerator<T[]> {
  for await (const first of source) {
    const batch = [first];
    while (batch.length < size) {
      const next = source.read();
      if (next === null) break;
      batch.push(next);
    }
    yield batch;
  }
}
