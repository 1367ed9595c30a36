import type { EventStore } from '@pledgebook/event-store';
import { testEvent, uniqueStream } from '@pledgebook/event-store/testing';
import { newId } from '@pledgebook/util';
import { InvalidCursor } from '../cursor';
import { applyOnce } from '../inbox';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import type { ReadModelStore, ViewDocument } from '../types';

export interface ReadModelContractOptions {
  open(): Promise<ReadModelStore>;
  /** An event store for the projection runner tests. */
  openEventStore(): Promise<EventStore>;
}

interface PledgeView extends ViewDocument {
  year: number;
  status: string;
  member: { name: string };
  items: { kind: string }[];
  published?: boolean;
  progress?: number;
  notes?: string[];
}

const collectionName = () => `c${newId().replace(/-/g, '').slice(-12)}`;

function pledge(id: string, year: number, status: string, extra: Partial<PledgeView> = {}): PledgeView {
  return { _id: id, year, status, member: { name: `member ${id}` }, items: [{ kind: 'common' }, { kind: 'position' }], ...extra };
}

/** The read-model contract: every adapter runs it, the embedded one in every test run. */
export function readModelContract(name: string, options: ReadModelContractOptions): void {
  describe(`${name}: read model contract`, () => {
    let store: ReadModelStore;
    beforeAll(async () => {
      store = await options.open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('stores documents and queries them with MongoDB filters', async () => {
      const c = collectionName();
      await store.transaction(async (tx) => {
        const w = tx.collection<PledgeView>(c);
        await w.replace(pledge('p1', 2026, 'draft'));
        await w.replace(pledge('p2', 2026, 'published', { items: [{ kind: 'deed' }] }));
        await w.replace(pledge('p3', 2025, 'published'));
      });
      const r = store.collection<PledgeView>(c);
      expect(await r.findById('p1')).toEqual(pledge('p1', 2026, 'draft'));
      expect(await r.findById('missing')).toBeUndefined();
      expect((await r.find({ year: 2026 }, { sort: { _id: 1 } })).items.map((d) => d._id)).toEqual(['p1', 'p2']);
      expect((await r.find({ status: { $in: ['published'] }, year: { $gte: 2026 } })).items.map((d) => d._id)).toEqual(['p2']);
      expect((await r.find({ 'items.kind': 'deed' })).items.map((d) => d._id)).toEqual(['p2']);
      expect((await r.find({ 'member.name': 'member p3' })).items.map((d) => d._id)).toEqual(['p3']);
      expect(await r.count({ status: 'published' })).toBe(2);
      expect(await r.count()).toBe(3);
      expect((await r.findOne({ year: 2025 }))?._id).toBe('p3');
    });

    it('commits a rebuildable transaction whole, like any other', async () => {
      const name = `rebuildable_${Date.now()}`;
      await store.transaction(async (tx) => {
        await tx.collection(name).replace({ _id: 'a', n: 1 });
        await tx.setCheckpoint(`${name}-checkpoint`, 7);
      }, { rebuildable: true });
      await expect(store.transaction(async (tx) => {
        await tx.collection(name).replace({ _id: 'b', n: 2 });
        throw new Error('rolled back');
      }, { rebuildable: true })).rejects.toThrow('rolled back');
      expect((await store.collection(name).find()).items.map((d) => d._id)).toEqual(['a']);
      expect(await store.transaction(async (tx) => tx.checkpoint(`${name}-checkpoint`))).toBe(7);
    });

    it('answers a ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reads an unknown collection as empty', async () => {
      const r = store.collection(collectionName());
      expect(await r.find({})).toEqual({ items: [] });
      expect(await r.count()).toBe(0);
    });

    it('pages with an opaque cursor in a stable order', async () => {
      const c = collectionName();
      await store.transaction(async (tx) => {
        for (let i = 0; i < 7; i++) await tx.collection<PledgeView>(c).replace(pledge(`p${i}`, 2020 + (i % 3), 'draft'));
      });
      const r = store.collection<PledgeView>(c);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await r.find({}, { sort: { year: -1 }, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((d) => `${d.year}:${d._id}`));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(['2022:p2', '2022:p5', '2021:p1', '2021:p4', '2020:p0', '2020:p3', '2020:p6']);
      await expect(r.find({}, { sort: { year: -1 }, cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursor);
    });

    it('applies update operators, with upsert', async () => {
      const c = collectionName();
      await store.transaction(async (tx) => {
        const w = tx.collection<PledgeView>(c);
        expect(await w.update('p1', { $set: { status: 'x' } })).toBe(false);
        await w.update('p1', { $set: { status: 'draft', year: 2026 }, $inc: { progress: 2 } }, { upsert: true });
        await w.update('p1', { $inc: { progress: 3 }, $push: { notes: 'checked' } });
      });
      expect(await store.collection<PledgeView>(c).findById('p1')).toEqual({ _id: 'p1', status: 'draft', year: 2026, progress: 5, notes: ['checked'] });
    });

    it('ignores a write whose stream revision was already applied', async () => {
      const c = collectionName();
      const guard = (revision: number) => ({ stream: 'pledge-1.a', revision });
      await store.transaction(async (tx) => {
        const w = tx.collection<PledgeView>(c);
        expect(await w.replace(pledge('p1', 2026, 'submitted'), guard(3))).toBe(true);
        expect(await w.replace(pledge('p1', 2026, 'draft'), guard(2))).toBe(false);
        expect(await w.replace(pledge('p1', 2026, 'draft'), guard(3))).toBe(false);
        expect(await w.update('p1', { $set: { status: 'draft' } }, { guard: guard(1) })).toBe(false);
        expect(await w.update('p1', { $set: { status: 'approved' } }, { guard: guard(4) })).toBe(true);
        expect(await w.update('p1', { $set: { published: true } }, { guard: { stream: 'review-1', revision: 0 } })).toBe(true);
      });
      const doc = await store.collection<PledgeView>(c).findById('p1');
      expect(doc).toEqual(pledge('p1', 2026, 'approved', { published: true }));
    });

    it('uses declared indexes for equality without changing results', async () => {
      const c = collectionName();
      await store.ensureIndexes(c, [{ fields: ['year'] }, { fields: ['status', 'published'] }]);
      await store.transaction(async (tx) => {
        const w = tx.collection<PledgeView>(c);
        await w.replace(pledge('p1', 2026, 'published', { published: true }));
        await w.replace(pledge('p2', 2026, 'published', { published: false }));
        await w.replace(pledge('p3', 2025, 'draft'));
      });
      const r = store.collection<PledgeView>(c);
      expect((await r.find({ year: 2026, published: true })).items.map((d) => d._id)).toEqual(['p1']);
      expect((await r.find({ status: 'published', published: false })).items.map((d) => d._id)).toEqual(['p2']);
      expect((await r.find({ year: { $eq: 2025 } })).items.map((d) => d._id)).toEqual(['p3']);
    });

    it('commits a transaction whole or not at all', async () => {
      const c = collectionName();
      await expect(
        store.transaction(async (tx) => {
          await tx.collection<PledgeView>(c).replace(pledge('p1', 2026, 'draft'));
          await tx.setCheckpoint(`cp-${c}`, 10);
          throw new Error('crash in the middle');
        }),
      ).rejects.toThrow('crash in the middle');
      expect(await store.collection(c).count()).toBe(0);
      expect(await store.transaction((tx) => tx.checkpoint(`cp-${c}`))).toBeUndefined();
    });

    it('applies an event once however often it is delivered (inbox)', async () => {
      const c = collectionName();
      const eventId = newId();
      const apply = () =>
        applyOnce(store, 'test-consumer', eventId, async (tx) => {
          await tx.collection<PledgeView>(c).update('p1', { $inc: { progress: 1 } }, { upsert: true });
        });
      expect(await apply()).toBe(true);
      expect(await apply()).toBe(false);
      expect(await Promise.all([apply(), apply()])).toEqual([false, false]);
      expect((await store.collection<PledgeView>(c).findById('p1'))?.progress).toBe(1);
      expect(await applyOnce(store, 'other-consumer', eventId, async () => undefined)).toBe(true);
    });

    it('keeps readers on the live generation until another is activated', async () => {
      const c = collectionName();
      await store.transaction(async (tx) => tx.collection<PledgeView>(c).replace(pledge('old', 2026, 'draft')));
      await store.transaction(async (tx) => tx.collection<PledgeView>(c, 2).replace(pledge('new', 2026, 'draft')));
      const r = store.collection<PledgeView>(c);
      expect((await r.find()).items.map((d) => d._id)).toEqual(['old']);
      await store.transaction(async (tx) => tx.activate(c, 2));
      expect(await store.activeGeneration(c)).toBe(2);
      expect((await r.find()).items.map((d) => d._id)).toEqual(['new']);
      await store.dropGeneration(c, 1);
      expect((await r.find()).items.map((d) => d._id)).toEqual(['new']);
    });

    describe('projection runner', () => {
      let events: EventStore;
      beforeAll(async () => {
        events = await options.openEventStore();
      });
      afterAll(async () => {
        await events.close();
      });

      function countingProjection(prefix: string, collection: string, version: number): Projection {
        return {
          name: `count-${collection}`,
          version,
          collections: [collection],
          filter: { streamPrefixes: [prefix] },
          async apply(event, ctx) {
            await ctx.collection(collection).update(
              event.stream,
              { $inc: { events: 1 }, $set: { lastType: event.type, version } },
              { upsert: true, guard: { stream: event.stream, revision: event.revision } },
            );
          },
        };
      }

      const settle = async (check: () => Promise<boolean>) => {
        for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
      };

      it('catches up, follows live events, and resumes after a restart without double counting', async () => {
        const prefix = uniqueStream('proj');
        const c = collectionName();
        await events.append(`${prefix}-a`, [testEvent('Drafted'), testEvent('Submitted')]);
        const runner = new ProjectionRunner(events, store, countingProjection(prefix, c, 1));
        await runner.start();
        await events.append(`${prefix}-b`, [testEvent('Drafted')]);
        const view = store.collection<ViewDocument & { events: number }>(c);
        await settle(async () => (await view.count()) === 2);
        await runner.stop();
        expect((await view.findById(`${prefix}-a`))?.events).toBe(2);

        await events.append(`${prefix}-a`, [testEvent('Approved')]);
        const again = new ProjectionRunner(events, store, countingProjection(prefix, c, 1));
        await again.start();
        await settle(async () => (await view.findById(`${prefix}-a`))?.events === 3);
        await again.stop();
        expect((await view.findById(`${prefix}-a`))?.events).toBe(3);
        expect((await view.findById(`${prefix}-b`))?.events).toBe(1);
      });

      it('rebuilds into a new generation and switches without an empty view', async () => {
        const prefix = uniqueStream('rebuild');
        const c = collectionName();
        for (let i = 0; i < 30; i++) await events.append(`${prefix}-${i}`, [testEvent('Drafted'), testEvent('Submitted')]);
        const v1 = new ProjectionRunner(events, store, countingProjection(prefix, c, 1), { batchSize: 7 });
        await v1.start();
        const view = store.collection<ViewDocument & { version: number }>(c);
        await settle(async () => (await view.count()) === 30);
        await v1.stop();

        const counts: number[] = [];
        let watching = true;
        const watcher = (async () => {
          while (watching) {
            counts.push(await view.count());
            await new Promise((r) => setImmediate(r));
          }
        })();
        const v2 = new ProjectionRunner(events, store, countingProjection(prefix, c, 2), { batchSize: 7 });
        await v2.start(); // code version changed: rebuilds, then switches
        watching = false;
        await watcher;
        await v2.stop();
        expect(Math.min(...counts)).toBe(30);
        expect(await store.activeGeneration(c)).toBe(2);
        const docs = (await view.find({}, { limit: 100 })).items;
        expect(docs).toHaveLength(30);
        expect(docs.every((d) => d.version === 2 && (d as unknown as { events: number }).events === 2)).toBe(true);
      });

      it('rebuilds through a projection\'s fold, which writes what it holds just before readers switch', async () => {
        const prefix = uniqueStream('fold');
        const c = collectionName();
        for (let i = 0; i < 12; i++) await events.append(`${prefix}-${i}`, [testEvent('Drafted'), testEvent('Submitted'), testEvent('Approved')]);
        const v1 = new ProjectionRunner(events, store, countingProjection(prefix, c, 1), { batchSize: 5 });
        await v1.start();
        const view = store.collection<ViewDocument & { version: number; events: number }>(c);
        await settle(async () => (await view.count()) === 12);
        await v1.stop();

        // Counts held in memory across batches, written only by flush; readers keep the old view until the switch.
        const counts = new Map<string, number>();
        const batches: number[] = [];
        const seen: number[] = [];
        let watching = true;
        const watcher = (async () => {
          while (watching) {
            seen.push(await view.count());
            await new Promise((r) => setImmediate(r));
          }
        })();
        const folding: Projection = {
          ...countingProjection(prefix, c, 2),
          rebuildFold: () => ({
            async applyBatch(batch) {
              batches.push(batch.length);
              for (const event of batch) counts.set(event.stream, (counts.get(event.stream) ?? 0) + 1);
            },
            async flush(ctx) {
              for (const [stream, n] of counts) await ctx.collection(c).replace({ _id: stream, events: n, version: 2 });
            },
          }),
        };
        const v2 = new ProjectionRunner(events, store, folding, { batchSize: 5 });
        await v2.start(); // code version changed: rebuilds through the fold, then switches
        watching = false;
        await watcher;
        await v2.stop();
        expect(batches.reduce((a, b) => a + b, 0)).toBe(36);
        expect(batches.length).toBeGreaterThan(1);
        expect(Math.min(...seen)).toBe(12);
        expect(await store.activeGeneration(c)).toBe(2);
        const docs = (await view.find({}, { limit: 100 })).items;
        expect(docs).toHaveLength(12);
        expect(docs.every((d) => d.version === 2 && d.events === 3)).toBe(true);
      });
    });
  });
}
