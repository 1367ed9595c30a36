import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import {
  assertExpectedRevision,
  canonicalPayload,
  ChainVerifier,
  eventHash,
  GENESIS_HASH,
  matchesFilter,
  validateAppend,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamVerification,
  type SubscribeAllOptions,
  type Subscription,
  type SubscriptionHandler,
} from '@pledgebook/event-store';
import { newId, systemClock, type Clock } from '@pledgebook/util';
import { earlierAppend, LostRace, repeatedAt, retryLostRaces } from './append-plan';
import { CHECKPOINT_PREFIX, fromEsdb, isOwnEvent, toEsdbMetadata, type EsdbRecorded } from './esdb-mapping';
import { inBatches, readAllPage, readUntil, type BufferedSource, type CancellableRead, type RawAllEntry } from './esdb-reads';

export interface EsdbEventStoreOptions {
  clock?: Clock;
  /** How many times an 'any' or 'stream_exists' append re-reads the head after losing a race. */
  anyRetries?: number;
  /** Raw `$all` entries fetched per call while filtering a readAll (default 1000). */
  readAllPageSize?: number;
}

const VERIFY_PAGE = 500;
const position = (at: number): ReadPosition => ({ commit: BigInt(at), prepare: BigInt(at) });

/**
 * The distributed event store on EventStoreDB. The hash chain is computed here, so every
 * append reads the stream head and then always sends an exact expected revision: the chain
 * cannot fork, and a writer that lost a race re-reads and tries again.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly clock: Clock;
  private readonly anyRetries: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.clock = options.clock ?? systemClock;
    this.anyRetries = options.anyRetries ?? 5;
    this.pageSize = options.readAllPageSize ?? 1000;
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(stream, events, expected);
    // Ids the caller chose may have been appended before (a retry); fresh ones cannot have been.
    const chosenIds = events.some((e) => e.id !== undefined);
    const withIds = events.map((e) => ({ ...e, id: e.id ?? newId() }));
    return retryLostRaces(() => this.appendOnce(stream, withIds, expected, chosenIds), this.anyRetries);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const asOf = options.asOf === undefined ? undefined : new Date(options.asOf).toISOString();
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    // Without asOf the server can stop at maxCount; with it, skipped events do not count.
    const fromRevision: ReadRevision = options.from === undefined ? (backwards ? END : START) : BigInt(options.from);
    await this.readEvents(stream, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, ...(asOf === undefined ? { maxCount: limit } : {}) }, (event) => {
      if (asOf !== undefined && event.recordedAt > asOf) return backwards;
      events.push(event);
      return events.length < limit;
    });
    return events;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    return readAllPage((from, maxCount) => this.readAllRaw(from, maxCount), {
      after: options.after,
      maxCount: options.maxCount ?? 1000,
      filter: options.filter,
      pageSize: this.pageSize,
    });
  }

  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription {
    const prefixes = options.filter?.streamPrefixes;
    const source = this.client.subscribeToAll({
      fromPosition: options.fromCheckpoint === undefined ? START : position(options.fromCheckpoint),
      ...(prefixes?.length ? { filter: streamNameFilter({ prefixes: [...prefixes] }) } : {}),
    });
    let stopped = false;
    const done = (async () => {
      for await (const batch of inBatches(source as unknown as BufferedSource<RawAllEntry>, options.batchSize ?? 500)) {
        if (stopped) break;
        const events: RecordedEvent[] = [];
        let checkpoint: number | undefined;
        for (const { event: raw } of batch) {
          if (!raw?.position) continue;
          const at = Number(raw.position.prepare);
          if (options.fromCheckpoint !== undefined && at <= options.fromCheckpoint) continue;
          checkpoint = at;
          if (!isOwnEvent(raw)) continue;
          const event = fromEsdb(raw);
          if (matchesFilter(event, options.filter)) events.push(event);
        }
        if (events.length > 0 && checkpoint !== undefined) await handler(events, checkpoint);
      }
    })();
    const subscription: Subscription = {
      done,
      stop: async () => {
        stopped = true;
        await source.unsubscribe();
        await done.catch(() => undefined);
      },
    };
    done.catch(() => source.unsubscribe().catch(() => undefined)).finally(() => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async verifyStream(stream: string): Promise<StreamVerification> {
    const verifier = new ChainVerifier(stream);
    let page: RecordedEvent[] = [];
    let intact = true;
    await this.readEvents(stream, { direction: FORWARDS, fromRevision: START }, (event) => {
      page.push(event);
      if (page.length < VERIFY_PAGE) return true;
      intact = verifier.add(page);
      page = [];
      return intact;
    });
    if (intact) verifier.add(page);
    return verifier.result();
  }

  async headPosition(): Promise<number> {
    let head = 0;
    await readUntil(this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }), (resolved) => {
      if (!resolved.event?.position) return true;
      head = Number(resolved.event.position.prepare);
      return false;
    });
    return head;
  }

  async loadCheckpoint(name: string): Promise<number | undefined> {
    let found: number | undefined;
    try {
      await readUntil(this.client.readStream(CHECKPOINT_PREFIX + name, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }), (resolved) => {
        found = (resolved.event?.data as { position: number } | undefined)?.position;
        return false;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return found;
  }

  async storeCheckpoint(name: string, at: number): Promise<void> {
    const stream = CHECKPOINT_PREFIX + name;
    const result = await this.client.appendToStream(stream, jsonEvent({ type: 'CheckpointStored', data: { position: at } }));
    if (result.nextExpectedRevision === 0n) {
      await this.client.setStreamMetadata(stream, { maxCount: 1 });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async appendOnce(stream: string, events: (NewEvent & { id: string })[], expected: ExpectedRevision, chosenIds: boolean): Promise<AppendResult> {
    const ids = events.map((e) => e.id);
    // One read gives the head and the events a repeat of this append would have left at the end.
    const tail = (await this.readStream(stream, { direction: 'backwards', maxCount: events.length })).reverse();
    const last = tail[tail.length - 1];
    const head = last?.revision;
    const atEnd = repeatedAt(tail, ids, expected);
    if (atEnd) return atEnd;
    if (chosenIds) {
      const repeat = await this.earlierAppendOf(stream, ids, expected, head);
      if (repeat) return repeat;
    }
    assertExpectedRevision(stream, expected, head ?? 'no_stream');

    const now = this.clock.now().toISOString();
    const recordedAt = last && last.recordedAt > now ? last.recordedAt : now;
    let prevHash = last?.hash ?? GENESIS_HASH;
    let revision = head ?? -1;
    const toWrite = events.map((event, index) => {
      revision += 1;
      const schemaVersion = event.schemaVersion ?? 1;
      const data = JSON.parse(canonicalPayload(index, 'data', event.data));
      const metadata = JSON.parse(canonicalPayload(index, 'metadata', event.metadata));
      const hash = eventHash(prevHash, { id: event.id, stream, revision, type: event.type, schemaVersion, data, metadata, recordedAt });
      const written = jsonEvent({ id: event.id, type: event.type, data, metadata: toEsdbMetadata(metadata, { recordedAt, schemaVersion, prevHash, hash }) });
      prevHash = hash;
      return written;
    });
    const expectedRevision: AppendExpectedRevision = head === undefined ? NO_STREAM : BigInt(head);
    try {
      const result = await this.client.appendToStream(stream, toWrite, { expectedRevision });
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: result.position ? Number(result.position.prepare) : -1, idempotent: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
      const conflict = new WrongExpectedRevision(stream, expected, actual);
      // Only a loose expectation is worth another read: an exact one is the caller's conflict.
      throw expected === 'any' || expected === 'stream_exists' ? new LostRace(conflict) : conflict;
    }
  }

  /**
   * Looks for this append's ids further back than the tail: a retry whose first attempt was
   * acknowledged but lost, with other writes after it. An exact expectation names the place to
   * look; a loose one means the whole stream (newest first, stopping once every id is found).
   */
  private async earlierAppendOf(stream: string, ids: readonly string[], expected: ExpectedRevision, head: number | undefined): Promise<AppendResult | undefined> {
    if (head === undefined) return undefined;
    if (typeof expected === 'number' || expected === 'no_stream') {
      const first = expected === 'no_stream' ? 0 : expected + 1;
      if (first > head) return undefined;
      return repeatedAt(await this.readStream(stream, { from: first, maxCount: ids.length }), ids, expected);
    }
    const wanted = new Set(ids);
    const found: RecordedEvent[] = [];
    await this.readEvents(stream, { direction: BACKWARDS, fromRevision: END }, (event) => {
      if (wanted.has(event.id)) found.push(event);
      return found.length < wanted.size;
    });
    return earlierAppend(stream, found, ids, expected, head);
  }

  private async readEvents(
    stream: string,
    options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount?: number },
    visit: (event: RecordedEvent) => boolean,
  ): Promise<void> {
    try {
      await readUntil(this.client.readStream(stream, options), (resolved) => (resolved.event ? visit(fromEsdb(resolved.event as EsdbRecorded)) : true));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  private readAllRaw(from: number | undefined, maxCount: number): CancellableRead<RawAllEntry> {
    return this.client.readAll({ fromPosition: from === undefined ? START : position(from), direction: FORWARDS, maxCount }) as unknown as CancellableRead<RawAllEntry>;
  }
}
