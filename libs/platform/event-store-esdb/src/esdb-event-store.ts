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
import { CHECKPOINT_PREFIX, fromEsdb, isOwnEvent, toEsdbMetadata, type EsdbRecorded } from './esdb-mapping';

export interface EsdbEventStoreOptions {
  clock?: Clock;
  /** How many times an 'any' append re-reads the head after losing a race. */
  anyRetries?: number;
}

const PAGE = 500;

/**
 * The distributed event store on EventStoreDB. The hash chain is computed here, so every
 * append reads the stream head and then always sends an exact expected revision: the chain
 * cannot fork, and the server's event-id idempotency applies.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly clock: Clock;
  private readonly anyRetries: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.clock = options.clock ?? systemClock;
    this.anyRetries = options.anyRetries ?? 5;
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(stream, events, expected);
    const withIds = events.map((e) => ({ ...e, id: e.id ?? newId() }));
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.appendOnce(stream, withIds, expected);
      } catch (error) {
        const lostRace = error instanceof WrongExpectedRevision && (expected === 'any' || expected === 'stream_exists');
        if (!lostRace || attempt >= this.anyRetries) throw error;
      }
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const asOf = options.asOf === undefined ? undefined : new Date(options.asOf).toISOString();
    const events: RecordedEvent[] = [];
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    for await (const event of this.iterateStream(stream, backwards, options.from)) {
      if (asOf !== undefined && event.recordedAt > asOf) {
        if (backwards) continue;
        break;
      }
      events.push(event);
      if (events.length >= limit) break;
    }
    return events;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const maxCount = options.maxCount ?? 1000;
    const events: RecordedEvent[] = [];
    let lastPosition = options.after;
    const fromPosition: ReadPosition =
      options.after === undefined ? START : { commit: BigInt(options.after), prepare: BigInt(options.after) };
    for await (const resolved of this.client.readAll({ fromPosition, direction: FORWARDS, maxCount: maxCount + 1 })) {
      const raw = resolved.event as EsdbRecorded | undefined;
      if (!raw?.position) continue;
      const position = Number(raw.position.prepare);
      if (options.after !== undefined && position <= options.after) continue;
      lastPosition = position;
      if (isOwnEvent(raw)) {
        const event = fromEsdb(raw);
        if (matchesFilter(event, options.filter)) events.push(event);
      }
      if (events.length >= maxCount) break;
    }
    return { events, lastPosition };
  }

  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription {
    const prefixes = options.filter?.streamPrefixes;
    const source = this.client.subscribeToAll({
      fromPosition:
        options.fromCheckpoint === undefined
          ? START
          : { commit: BigInt(options.fromCheckpoint), prepare: BigInt(options.fromCheckpoint) },
      ...(prefixes?.length ? { filter: streamNameFilter({ prefixes: [...prefixes] }) } : {}),
    });
    let stopped = false;
    const done = (async () => {
      for await (const resolved of source) {
        if (stopped) break;
        const raw = resolved.event as EsdbRecorded | undefined;
        if (!raw?.position || !isOwnEvent(raw)) continue;
        const position = Number(raw.position.prepare);
        if (options.fromCheckpoint !== undefined && position <= options.fromCheckpoint) continue;
        const event = fromEsdb(raw);
        if (matchesFilter(event, options.filter)) await handler([event], position);
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
    done.catch(() => source.unsubscribe().catch(() => undefined));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async verifyStream(stream: string): Promise<StreamVerification> {
    const verifier = new ChainVerifier(stream);
    let page: RecordedEvent[] = [];
    for await (const event of this.iterateStream(stream, false, undefined)) {
      page.push(event);
      if (page.length === PAGE) {
        if (!verifier.add(page)) return verifier.result();
        page = [];
      }
    }
    verifier.add(page);
    return verifier.result();
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
      const position = resolved.event?.position;
      if (position) return Number(position.prepare);
    }
    return 0;
  }

  async loadCheckpoint(name: string): Promise<number | undefined> {
    try {
      for await (const resolved of this.client.readStream(CHECKPOINT_PREFIX + name, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        return (resolved.event?.data as { position: number } | undefined)?.position;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  async storeCheckpoint(name: string, position: number): Promise<void> {
    const stream = CHECKPOINT_PREFIX + name;
    const result = await this.client.appendToStream(stream, jsonEvent({ type: 'CheckpointStored', data: { position } }));
    if (result.nextExpectedRevision === 0n) {
      await this.client.setStreamMetadata(stream, { maxCount: 1 });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async appendOnce(stream: string, events: (NewEvent & { id: string })[], expected: ExpectedRevision): Promise<AppendResult> {
    // Read as many tail events as we append: enough to recognise a repeat of this very append.
    const tail = await this.readStream(stream, {
      direction: 'backwards',
      maxCount: events.length,
      ...(typeof expected === 'number' && expected >= 0 ? { from: expected + events.length } : {}),
    });
    const head = await this.streamRevision(stream);
    const replay = this.recognisedReplay(tail, events, expected);
    if (replay) return replay;
    assertExpectedRevision(stream, expected, head ?? 'no_stream');

    const last = tail.find((e) => e.revision === head);
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
      const written = jsonEvent({
        id: event.id,
        type: event.type,
        data,
        metadata: toEsdbMetadata(metadata, { recordedAt, schemaVersion, prevHash, hash }),
      });
      prevHash = hash;
      return written;
    });
    const expectedRevision: AppendExpectedRevision = head === undefined ? NO_STREAM : BigInt(head);
    try {
      const result = await this.client.appendToStream(stream, toWrite, { expectedRevision });
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position: result.position ? Number(result.position.prepare) : -1,
        idempotent: false,
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
        throw new WrongExpectedRevision(stream, expected, actual);
      }
      throw error;
    }
  }

  private recognisedReplay(tail: RecordedEvent[], events: (NewEvent & { id: string })[], expected: ExpectedRevision): AppendResult | undefined {
    const ordered = [...tail].reverse();
    if (ordered.length !== events.length || !ordered.every((e, i) => e.id === events[i]!.id)) return undefined;
    const first = ordered[0]!.revision;
    const met =
      expected === 'any' ||
      (expected === 'no_stream' && first === 0) ||
      (expected === 'stream_exists' && first > 0) ||
      expected === first - 1;
    if (!met) return undefined;
    const last = ordered[ordered.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position, idempotent: true };
  }

  private async *iterateStream(stream: string, backwards: boolean, from: number | undefined): AsyncGenerator<RecordedEvent> {
    const fromRevision = from === undefined ? (backwards ? END : START) : BigInt(from);
    try {
      for await (const resolved of this.client.readStream(stream, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision })) {
        if (resolved.event) yield fromEsdb(resolved.event as EsdbRecorded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }
}
