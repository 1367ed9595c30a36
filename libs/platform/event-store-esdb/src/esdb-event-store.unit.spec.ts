// The store's glue around the client, with the client replaced by a recording stand-in that
// answers reads from an array. No server is involved: these check what we ask of the client.
import { BACKWARDS, END } from '@eventstore/db-client';
import { eventHash, WrongExpectedRevision } from '@pledgebook/event-store';
import { testEvent, testEvents } from '@pledgebook/event-store/testing';
import { EsdbEventStore } from './esdb-event-store';
import { CHAIN_KEY, type ChainFields, type EsdbRecorded } from './esdb-mapping';

interface ReadCall {
  stream: string;
  options: { direction?: string; fromRevision?: unknown; maxCount?: number | bigint };
  cancelled: boolean;
}

class RecordingClient {
  readonly reads: ReadCall[] = [];
  readonly appends: { stream: string; events: { id: string; metadata: Record<string, unknown> }[]; expectedRevision: unknown }[] = [];
  /** Runs after the first read of each append: another writer getting in between. */
  interleave?: () => void;

  constructor(readonly log: EsdbRecorded[] = []) {}

  readStream(stream: string, options: ReadCall['options']) {
    const call: ReadCall = { stream, options, cancelled: false };
    this.reads.push(call);
    let events = this.log.filter((e) => e.streamId === stream);
    if (options.direction === BACKWARDS) events = [...events].reverse();
    if (typeof options.fromRevision === 'bigint') {
      const from = options.fromRevision;
      events = events.filter((e) => (options.direction === BACKWARDS ? e.revision <= from : e.revision >= from));
    }
    events = events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    // The answer is fixed; another writer may append right after the server gave it.
    this.interleave?.();
    this.interleave = undefined;
    return {
      async *[Symbol.asyncIterator]() {
        for (const event of events) yield { event };
      },
      cancel: async () => {
        call.cancelled = true;
      },
    };
  }

  async appendToStream(stream: string, events: { id: string; metadata: Record<string, unknown> }[], options: { expectedRevision: unknown }) {
    this.appends.push({ stream, events, expectedRevision: options.expectedRevision });
    return { nextExpectedRevision: 0n, position: { commit: 1n, prepare: 1n } };
  }

  /** Appends directly, chain fields and all, as another writer would. */
  write(stream: string, count: number): void {
    for (let i = 0; i < count; i++) {
      const revision = this.log.filter((e) => e.streamId === stream).length;
      const previous = this.log.filter((e) => e.streamId === stream).at(-1);
      const prevHash = (previous?.metadata as { [CHAIN_KEY]: ChainFields } | undefined)?.[CHAIN_KEY].hash ?? '0'.repeat(64);
      const event = testEvent();
      const content = { id: event.id!, stream, revision, type: event.type, schemaVersion: 1, data: event.data, metadata: event.metadata, recordedAt: '2026-01-01T00:00:00.000Z' };
      const hash = eventHash(prevHash, content);
      this.log.push({
        streamId: stream,
        id: content.id,
        revision: BigInt(revision),
        type: content.type,
        data: content.data,
        metadata: { ...content.metadata, [CHAIN_KEY]: { recordedAt: content.recordedAt, schemaVersion: 1, prevHash, hash } },
        position: { commit: BigInt(this.log.length * 10), prepare: BigInt(this.log.length * 10) },
      });
    }
  }
}

function storeWith(client: RecordingClient): EsdbEventStore {
  const store = new EsdbEventStore('esdb://127.0.0.1:1?tls=false');
  Object.assign(store as unknown as { client: unknown }, { client });
  return store;
}

const chainOf = (metadata: Record<string, unknown>) => metadata[CHAIN_KEY] as ChainFields;

describe('EventStoreDB store glue', () => {
  it('takes the head and the previous hash from one read, so an interleaved write cannot fork the chain', async () => {
    const client = new RecordingClient();
    client.write('s-1', 3);
    client.interleave = () => client.write('s-1', 1);
    // Ids left to the store (fresh ones), so the append reads nothing but the tail.
    await storeWith(client).append('s-1', testEvents(2).map(({ id: _id, ...event }) => event), { expectedRevision: 'any' });
    expect(client.reads).toHaveLength(1);
    expect(client.reads[0]!.options).toMatchObject({ direction: BACKWARDS, fromRevision: END, maxCount: 2 });
    const [append] = client.appends;
    // The revision we expect and the hash we chain from are those of the same event (revision 2).
    expect(append!.expectedRevision).toBe(2n);
    expect(chainOf(append!.events[0]!.metadata).prevHash).toBe(chainOf(client.log[2]!.metadata as Record<string, unknown>).hash);
  });

  it('asks the server for at most maxCount and cancels a read it leaves early', async () => {
    const client = new RecordingClient();
    client.write('s-1', 5);
    const store = storeWith(client);
    expect((await store.readStream('s-1', { maxCount: 2 })).map((e) => e.revision)).toEqual([0, 1]);
    expect(client.reads[0]!.options.maxCount).toBe(2);
    expect(client.reads[0]!.cancelled).toBe(true);
    expect((await store.readStream('s-1', { asOf: '2025-12-31T00:00:00.000Z' })).length).toBe(0);
    expect(client.reads[1]!.cancelled).toBe(true);
    expect(await store.readStream('s-1')).toHaveLength(5);
    expect(client.reads[2]!.cancelled).toBe(false);
  });

  it('does not retry a stream_exists append to a missing stream', async () => {
    const client = new RecordingClient();
    await expect(storeWith(client).append('s-missing', testEvents(1), { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(client.reads).toHaveLength(1);
    expect(client.appends).toHaveLength(0);
  });

  it('finds a retried append behind a later write instead of appending its ids again', async () => {
    const client = new RecordingClient();
    const batch = testEvents(2);
    client.write('s-1', 1);
    const store = storeWith(client);
    // The first attempt landed (its acknowledgement was lost); then another writer appended.
    for (const event of batch) {
      client.write('s-1', 1);
      Object.assign(client.log.at(-1)!, { id: event.id });
    }
    client.write('s-1', 1);
    const result = await store.append('s-1', batch, { expectedRevision: 'any' });
    expect(result).toMatchObject({ idempotent: true, nextExpectedRevision: 2 });
    expect(client.appends).toHaveLength(0);
  });
});
