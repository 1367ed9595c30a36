import { fixedClock, type Clock } from '@pledgebook/util';
import { InvalidAppend, WrongExpectedRevision } from '../errors';
import type { EventStore, RecordedEvent } from '../types';
import { readStreamsOf } from '../read-streams';
import { withUpcasting } from '../upcasting';
import { testEvent, testEvents, testMetadata, uniqueStream } from './fixtures';

export interface EventStoreContractOptions {
  /** Opens a store on the shared location under test, with this clock for recorded times. */
  open(options: { clock?: Clock }): Promise<EventStore>;
  /** Runs a writer in another process that appends batches of `batchSize` to `stream` until killed. */
  spawnBatchWriter?(stream: string, batchSize: number): { kill(): void; exited: Promise<unknown>; ready: Promise<void> };
  /** Runs `count` optimistic appends to `stream` in another process; resolves when it exits. */
  runRacingWriter?(stream: string, count: number): Promise<void>;
  /** Edits a stored event behind the store's back (data of `revision`), for tamper detection. */
  tamper?(stream: string, revision: number): Promise<void>;
}

/**
 * The event store contract (DESIGN.md §2). Every adapter runs it: the embedded one in every
 * test run, the distributed one when its server's URL is set.
 */
export function eventStoreContract(name: string, options: EventStoreContractOptions): void {
  describe(`${name}: event store contract`, () => {
    let store: EventStore;
    const clock = fixedClock('2026-03-01T08:00:00.000Z', 1000);

    beforeAll(async () => {
      store = await options.open({ clock });
    });
    afterAll(async () => {
      await store.close();
    });

    describe('append and readStream', () => {
      it('records events with revision, position, metadata, time and hash', async () => {
        const stream = uniqueStream();
        const result = await store.append(stream, [testEvent('A', { text: '共性承諾', amountFen: 20000 }), testEvent('B')], {
          expectedRevision: 'no_stream',
        });
        expect(result).toMatchObject({ nextExpectedRevision: 1, idempotent: false });
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.type, e.revision])).toEqual([['A', 0], ['B', 1]]);
        expect(events[0]!.data).toEqual({ text: '共性承諾', amountFen: 20000 });
        expect(events[0]!.metadata).toEqual(testMetadata());
        expect(events[0]!.schemaVersion).toBe(1);
        expect(events[0]!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(events[1]!.prevHash).toBe(events[0]!.hash);
        expect(events[1]!.position).toBeGreaterThan(events[0]!.position);
        expect(result.position).toBe(events[1]!.position);
        expect(await store.streamRevision(stream)).toBe(1);
      });

      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
        expect(await store.streamRevision(uniqueStream())).toBeUndefined();
      });

      it('reads forwards and backwards, from a revision, at most maxCount', async () => {
        const stream = uniqueStream();
        await store.append(stream, testEvents(10));
        const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revisions(await store.readStream(stream, { from: 3, maxCount: 4 }))).toEqual([3, 4, 5, 6]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 3 }))).toEqual([9, 8, 7]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', from: 2 }))).toEqual([2, 1, 0]);
        expect(revisions(await store.readStream(stream, { from: 10 }))).toEqual([]);
      });

      it('reads several streams at once, each in revision order, whole, with upcasting', async () => {
        const [a, b, c, missing] = [uniqueStream(), uniqueStream(), uniqueStream(), uniqueStream()];
        await store.append(a, testEvents(2));
        await store.append(b, [testEvent('B', { first: true })]);
        await store.append(a, [testEvent('A')]);
        await store.append(c, [testEvent('C')]);
        const byStream = await readStreamsOf(store, [b, a, missing, a]);
        expect([...byStream.keys()].sort()).toEqual([a, b].sort());
        expect(byStream.get(a)).toEqual(await store.readStream(a));
        expect(byStream.get(b)).toEqual(await store.readStream(b));
        if (store.readStreams) {
          const events = await store.readStreams([a, b, missing]);
          expect(events.map((e) => [e.stream, e.revision])).toEqual([[a, 0], [a, 1], [b, 0], [a, 2]]);
          expect(await store.readStreams([])).toEqual([]);
        }
        // An engine without the one read: stream by stream, the same answer.
        const oneByOne = new Proxy(store, { get: (target, key) => (key === 'readStreams' ? undefined : Reflect.get(target, key, target)) });
        expect(oneByOne.readStreams).toBeUndefined();
        expect(await readStreamsOf(oneByOne, [b, a, missing, a])).toEqual(byStream);
        const lifted = withUpcasting(store, [{ type: 'B', fromVersion: 1, upcast: (data) => ({ ...(data as object), lifted: true }) }]);
        expect((await readStreamsOf(lifted, [b])).get(b)!.map((e) => e.data)).toEqual([{ first: true, lifted: true }]);
      });

      it('keeps data exactly as JSON has it (unicode, nesting, nulls)', async () => {
        const stream = uniqueStream();
        const data = { name: '王曉東', nested: { list: [1, 'x', null, { deep: true }] }, empty: {}, zero: 0 };
        await store.append(stream, [testEvent('A', data)]);
        const [event] = await store.readStream(stream);
        expect(event!.data).toEqual(data);
        expect((await store.verifyStream(stream)).ok).toBe(true);
      });

      it('rejects malformed appends before writing anything', async () => {
        const stream = uniqueStream();
        await expect(store.append(stream, [])).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append(stream, [testEvent(''), testEvent()])).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append(stream, [{ ...testEvent(), metadata: { ...testMetadata(), bureauId: '' } }])).rejects.toBeInstanceOf(
          InvalidAppend,
        );
        await expect(store.append('bad stream name!', [testEvent()])).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append(stream, [testEvent(), testEvent('A', { amount: Number.NaN })])).rejects.toBeInstanceOf(InvalidAppend);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('enforces no_stream, stream_exists and exact revisions with a typed conflict', async () => {
        const stream = uniqueStream();
        await expect(store.append(stream, [testEvent()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          constructor: WrongExpectedRevision,
          actual: 'no_stream',
        });
        await store.append(stream, [testEvent()], { expectedRevision: 'no_stream' });
        await expect(store.append(stream, [testEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          stream,
          expected: 'no_stream',
          actual: 0,
        });
        await expect(store.append(stream, [testEvent()], { expectedRevision: 5 })).rejects.toBeInstanceOf(WrongExpectedRevision);
        await store.append(stream, [testEvent()], { expectedRevision: 0 });
        await store.append(stream, [testEvent()], { expectedRevision: 'stream_exists' });
        await store.append(stream, [testEvent()], { expectedRevision: 'any' });
        expect(await store.streamRevision(stream)).toBe(3);
      });

      it('lets exactly one of two racing writers win', async () => {
        const stream = uniqueStream();
        await store.append(stream, [testEvent()]);
        const other = await options.open({});
        try {
          const results = await Promise.allSettled([
            store.append(stream, [testEvent('Mine')], { expectedRevision: 0 }),
            other.append(stream, [testEvent('Theirs')], { expectedRevision: 0 }),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          expect(rejected?.reason).toBeInstanceOf(WrongExpectedRevision);
          expect(await store.readStream(stream)).toHaveLength(2);
        } finally {
          await other.close();
        }
      });
    });

    describe('idempotency', () => {
      it('treats re-appending the same ids at the same place as a no-op', async () => {
        const stream = uniqueStream();
        const batch = testEvents(3);
        const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const again = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        expect(again).toMatchObject({ nextExpectedRevision: first.nextExpectedRevision, idempotent: true });
        const anyAgain = await store.append(stream, batch, { expectedRevision: 'any' });
        expect(anyAgain.idempotent).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('does not accept the same ids where the expectation does not hold', async () => {
        const stream = uniqueStream();
        const batch = testEvents(2);
        await store.append(stream, batch, { expectedRevision: 'no_stream' });
        await store.append(stream, testEvents(1));
        await expect(store.append(stream, batch, { expectedRevision: 5 })).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(stream)).toHaveLength(3);
      });
    });

    describe('asOf', () => {
      it('replays a stream as it stood at a moment', async () => {
        const stream = uniqueStream();
        clock.set('2026-04-01T00:00:00.000Z');
        await store.append(stream, [testEvent('Drafted')]);
        clock.set('2026-04-02T00:00:00.000Z');
        await store.append(stream, [testEvent('Submitted')]);
        clock.set('2026-04-03T00:00:00.000Z');
        await store.append(stream, [testEvent('Approved')]);
        const types = async (asOf: string) => (await store.readStream(stream, { asOf })).map((e) => e.type);
        expect(await types('2026-03-31T23:59:59.999Z')).toEqual([]);
        expect(await types('2026-04-02T00:00:00.000Z')).toEqual(['Drafted', 'Submitted']);
        expect(await types('2026-04-02T12:00:00.000Z')).toEqual(['Drafted', 'Submitted']);
        expect(await types('2030-01-01T00:00:00.000Z')).toEqual(['Drafted', 'Submitted', 'Approved']);
      });
    });

    describe('readAll and subscribeAll', () => {
      it('reads in global order after a position, with filters and bounded batches', async () => {
        const head = await store.headPosition();
        const prefix = uniqueStream('ra');
        const s1 = `${prefix}-one`;
        const s2 = `${prefix}-two`;
        await store.append(s1, [testEvent('X'), testEvent('Y')]);
        await store.append(uniqueStream('other'), [testEvent('X')]);
        await store.append(s2, [testEvent('X'), testEvent('Z')]);

        const page = await store.readAll({ after: head, maxCount: 2, filter: { streamPrefixes: [prefix] } });
        expect(page.events.map((e) => `${e.stream}:${e.type}`)).toEqual([`${s1}:X`, `${s1}:Y`]);
        const rest = await store.readAll({ after: page.lastPosition, maxCount: 10, filter: { streamPrefixes: [prefix] } });
        expect(rest.events.map((e) => `${e.stream}:${e.type}`)).toEqual([`${s2}:X`, `${s2}:Z`]);

        const typed = await store.readAll({ after: head, filter: { streamPrefixes: [prefix], eventTypes: ['X'] } });
        expect(typed.events.map((e) => e.stream)).toEqual([s1, s2]);

        const all = await store.readAll({ after: head, maxCount: 100 });
        const positions = all.events.map((e) => e.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
      });

      it('moves past filtered-out events so a sparse filter still progresses', async () => {
        const head = await store.headPosition();
        await store.append(uniqueStream('noise'), testEvents(5));
        const result = await store.readAll({ after: head, maxCount: 10, filter: { streamPrefixes: ['nothing-matches-'] } });
        expect(result.events).toEqual([]);
        expect(result.lastPosition).toBeGreaterThan(head);
      });

      it('delivers past events, then new ones as they are appended', async () => {
        const prefix = uniqueStream('sub');
        await store.append(`${prefix}-a`, testEvents(3));
        const seen: string[] = [];
        const checkpoints: number[] = [];
        let resolveDone!: () => void;
        const allSeen = new Promise<void>((r) => (resolveDone = r));
        const subscription = store.subscribeAll({ filter: { streamPrefixes: [prefix] }, batchSize: 2 }, async (events, checkpoint) => {
          seen.push(...events.map((e) => `${e.stream.slice(prefix.length)}:${e.revision}`));
          checkpoints.push(checkpoint);
          if (seen.length === 5) resolveDone();
        });
        await store.append(`${prefix}-b`, testEvents(2));
        await allSeen;
        await subscription.stop();
        expect(seen).toEqual(['-a:0', '-a:1', '-a:2', '-b:0', '-b:1']);
        expect(checkpoints).toEqual([...checkpoints].sort((a, b) => a - b));
      });

      it('resumes from a checkpoint without repeating events', async () => {
        const prefix = uniqueStream('resume');
        await store.append(`${prefix}-a`, testEvents(4));
        const first = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 2 });
        const received: number[] = [];
        let resolveDone!: () => void;
        const done = new Promise<void>((r) => (resolveDone = r));
        const subscription = store.subscribeAll(
          { fromCheckpoint: first.lastPosition, filter: { streamPrefixes: [prefix] } },
          async (events) => {
            received.push(...events.map((e) => e.revision));
            if (received.length >= 2) resolveDone();
          },
        );
        await done;
        await subscription.stop();
        expect(received).toEqual([2, 3]);
      });

      it('reports a failing handler through done', async () => {
        const prefix = uniqueStream('fail');
        await store.append(`${prefix}-a`, testEvents(1));
        const subscription = store.subscribeAll({ filter: { streamPrefixes: [prefix] } }, async () => {
          throw new Error('projection broke');
        });
        await expect(subscription.done).rejects.toThrow('projection broke');
      });
    });

    describe('checkpoints', () => {
      it('stores and loads named positions', async () => {
        const name = uniqueStream('cp');
        expect(await store.loadCheckpoint(name)).toBeUndefined();
        await store.storeCheckpoint(name, 41);
        await store.storeCheckpoint(name, 42);
        expect(await store.loadCheckpoint(name)).toBe(42);
      });
    });

    describe('hash chain', () => {
      it('verifies an intact stream', async () => {
        const stream = uniqueStream();
        await store.append(stream, testEvents(3));
        await store.append(stream, testEvents(2));
        const result = await store.verifyStream(stream);
        expect(result).toMatchObject({ ok: true, eventsChecked: 5 });
        const events = await store.readStream(stream);
        expect(result.lastHash).toBe(events[4]!.hash);
      });

      if (options.tamper) {
        const tamper = options.tamper;
        it('names the first revision whose stored event was changed', async () => {
          const stream = uniqueStream();
          await store.append(stream, testEvents(5));
          await tamper(stream, 2);
          expect(await store.verifyStream(stream)).toMatchObject({ ok: false, firstBrokenRevision: 2, problem: 'hash_mismatch' });
        });
      }
    });

    describe('upcasting', () => {
      it('reads old event versions in the newest shape, leaving the stored chain intact', async () => {
        const stream = uniqueStream();
        await store.append(stream, [testEvent('Renamed', { name: 'a' }), testEvent('Renamed', { fullName: 'b' }, { schemaVersion: 2 })]);
        const upcasting = withUpcasting(store, [
          { type: 'Renamed', fromVersion: 1, upcast: (data) => ({ fullName: (data as { name: string }).name }) },
        ]);
        const events = await upcasting.readStream(stream);
        expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
          [2, { fullName: 'a' }],
          [2, { fullName: 'b' }],
        ]);
        expect((await upcasting.verifyStream(stream)).ok).toBe(true);
      });
    });

    if (options.runRacingWriter) {
      const race = options.runRacingWriter;
      it('keeps a stream contiguous with two processes appending to it at once', async () => {
        const stream = uniqueStream('race');
        await Promise.all([race(stream, 100), race(stream, 100)]);
        const events = await store.readStream(stream);
        expect(events).toHaveLength(200);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 200 }, (_, i) => i));
        expect((await store.verifyStream(stream)).ok).toBe(true);
      }, 60_000);
    }

    if (options.spawnBatchWriter) {
      const spawnWriter = options.spawnBatchWriter;
      it('leaves no partial batch when a writer process is killed mid-append', async () => {
        const stream = uniqueStream('crash');
        const batchSize = 400;
        const writer = spawnWriter(stream, batchSize);
        await writer.ready;
        await new Promise((r) => setTimeout(r, 300));
        writer.kill();
        await writer.exited;
        const events = await store.readStream(stream);
        expect(events.length).toBeGreaterThan(0);
        expect(events.length % batchSize).toBe(0);
        expect((await store.verifyStream(stream)).ok).toBe(true);
      }, 60_000);
    }

  });
}
