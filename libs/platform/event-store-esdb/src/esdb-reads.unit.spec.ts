import { PassThrough } from 'node:stream';
import { eventHash, GENESIS_HASH } from '@pledgebook/event-store';
import { testMetadata } from '@pledgebook/event-store/testing';
import { toEsdbMetadata, type EsdbRecorded } from './esdb-mapping';
import { inBatches, readAllPage, readUntil, type CancellableRead, type RawAllEntry } from './esdb-reads';

/** A read over an array that records whether it was cancelled, as the client's StreamingRead is used. */
function arrayRead<T>(items: readonly T[], log: string[] = []): CancellableRead<T> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const item of items) yield item;
    },
    async cancel() {
      log.push('cancel');
    },
  };
}

/** `$all` as the server holds it: our events between system events, checkpoints and other services' streams. */
function log(entries: { stream: string; type?: string }[]): EsdbRecorded[] {
  return entries.map(({ stream, type = 'ThingHappened' }, i) => {
    const base = { id: `018f0000-0000-7000-8000-${String(i).padStart(12, '0')}`, stream, revision: 0, type, schemaVersion: 1, data: { i }, metadata: testMetadata(), recordedAt: '2026-01-01T00:00:00.000Z' };
    const at = BigInt(100 * (i + 1));
    return {
      streamId: stream,
      id: base.id,
      revision: 0n,
      type,
      data: base.data,
      metadata: toEsdbMetadata(base.metadata, { recordedAt: base.recordedAt, schemaVersion: 1, prevHash: GENESIS_HASH, hash: eventHash(GENESIS_HASH, base) }),
      position: { commit: at, prepare: at },
    };
  });
}

/** Opens reads the way the server answers them: from a position inclusive, at most maxCount entries. */
function opener(all: EsdbRecorded[], calls: { from: number | undefined; maxCount: number }[], cancels: string[]) {
  return (from: number | undefined, maxCount: number): CancellableRead<RawAllEntry> => {
    calls.push({ from, maxCount });
    const start = from === undefined ? 0 : all.findIndex((e) => Number(e.position!.prepare) >= from);
    return arrayRead((start < 0 ? [] : all.slice(start, start + maxCount)).map((event) => ({ event })), cancels);
  };
}

describe('reading EventStoreDB', () => {
  it('cancels a read it leaves early, and only then', async () => {
    const cancels: string[] = [];
    expect(await readUntil(arrayRead([1, 2, 3], cancels), (n) => n < 2)).toBe(false);
    expect(cancels).toEqual(['cancel']);
    expect(await readUntil(arrayRead([1, 2, 3], cancels), () => true)).toBe(true);
    expect(cancels).toEqual(['cancel']);
  });

  describe('readAll paging over raw $all', () => {
    const all = log([
      { stream: '$stats-127.0.0.1:2113', type: '$statsCollected' },
      { stream: 'pledge-1' },
      { stream: '_checkpoint-relay', type: 'CheckpointStored' },
      { stream: 'review-9' },
      { stream: 'pledge-2', type: '$metadata' },
      { stream: 'review-8' },
      { stream: '$$pledge-2', type: '$metadata' },
      { stream: 'pledge-2' },
      { stream: 'review-7' },
      { stream: 'pledge-3' },
      { stream: 'review-6' },
    ]);

    it('pages until maxCount events match, skipping system, checkpoint and other streams', async () => {
      const calls: { from: number | undefined; maxCount: number }[] = [];
      const cancels: string[] = [];
      const page = await readAllPage(opener(all, calls, cancels), { maxCount: 2, filter: { streamPrefixes: ['pledge-'] }, pageSize: 3 });
      expect(page.events.map((e) => e.stream)).toEqual(['pledge-1', 'pledge-2']);
      expect(page.lastPosition).toBe(800);
      expect(calls.length).toBeGreaterThan(1);
      expect(calls.every((c) => c.maxCount === 3)).toBe(true);
      // The last page was left after its match: that call was cancelled, not left open.
      expect(cancels).toEqual(['cancel']);
    });

    it('resumes after a checkpoint without repeating the event at it (the server reads from it inclusive)', async () => {
      const first = await readAllPage(opener(all, [], []), { maxCount: 2, filter: { streamPrefixes: ['pledge-'] }, pageSize: 3 });
      const rest = await readAllPage(opener(all, [], []), { after: first.lastPosition, maxCount: 10, filter: { streamPrefixes: ['pledge-'] }, pageSize: 3 });
      expect(rest.events.map((e) => e.stream)).toEqual(['pledge-3']);
      expect(rest.lastPosition).toBe(1100);
    });

    it('moves past filtered-out events to the end of the log when nothing matches', async () => {
      const result = await readAllPage(opener(all, [], []), { after: 200, maxCount: 5, filter: { streamPrefixes: ['nothing-'] }, pageSize: 4 });
      expect(result).toEqual({ events: [], lastPosition: 1100 });
      const none = await readAllPage(opener(all, [], []), { after: 1100, maxCount: 5, pageSize: 4 });
      expect(none).toEqual({ events: [], lastPosition: 1100 });
    });

    it('filters by event type within the prefix', async () => {
      const page = await readAllPage(opener(all, [], []), { maxCount: 10, filter: { streamPrefixes: ['review-'], eventTypes: ['ThingHappened'] }, pageSize: 100 });
      expect(page.events.map((e) => e.stream)).toEqual(['review-9', 'review-8', 'review-7', 'review-6']);
    });
  });

  it('hands a subscription what is buffered as one batch, up to the batch size', async () => {
    const source = new PassThrough({ objectMode: true });
    for (const n of [1, 2, 3, 4, 5]) source.write(n);
    const batches: number[][] = [];
    const reading = (async () => {
      for await (const batch of inBatches<number>(source, 3)) {
        batches.push(batch);
        if (batches.length === 2) {
          source.write(6);
          source.end();
        }
      }
    })();
    await reading;
    expect(batches).toEqual([[1, 2, 3], [4, 5], [6]]);
  });
});
