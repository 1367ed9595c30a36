import type { Filter, FindOptions, Sort, ViewDocument } from '@pledgebook/read-model';
import Database from 'better-sqlite3';
import { find } from 'mingo';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-rm-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small deterministic generator, so a failure names the same documents every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Documents whose fields hold what MongoDB filters must see through: arrays, scalars where arrays are usual, mixed types, nulls, gaps. */
function documents(n: number, seed = 7): ViewDocument[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const doc: ViewDocument = { _id: `d${String(i).padStart(3, '0')}`, bureauId: pick(['b0', 'b1', 'b2']), status: pick(['draft', 'submitted', 'published', 'closed']) };
    if (r() < 0.9) doc.year = pick([2024, 2025, 2026]);
    const members = Array.from({ length: Math.floor(r() * 3) }, () => pick(['m1', 'm2', 'm3', 'm4']));
    doc.memberIds = r() < 0.15 ? pick(['m1', 'm2']) : members;
    if (r() < 0.8) doc.rank = r() < 0.5 ? Math.floor(r() * 5) : pick(['a', 'b', 'B', '甲', '乙']);
    doc.updatedAt = `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}`;
    doc.member = { name: pick(['王', '李', '趙']) };
    doc.items = [{ kind: pick(['common', 'deed']) }];
    return doc;
  });
}

const FILTERS: Filter[] = [
  {},
  { bureauId: 'b1' },
  { bureauId: 'b1', year: 2026 },
  { $and: [{ bureauId: 'b2' }, { year: { $in: [2025, 2026] } }, { status: { $in: ['draft', 'published'] } }] },
  { bureauId: 'b0', memberIds: 'm1' },
  { memberIds: { $in: ['m2', 'm4'] } },
  { $and: [{ bureauId: 'b1' }, { $or: [{ status: 'published' }, { memberIds: 'm3' }] }] },
  { bureauId: 'b2', rank: 3 },
  { bureauId: 'b0', year: { $gte: 2025 }, 'items.kind': 'deed' },
  { 'member.name': '王', status: { $nin: ['closed'] } },
  { year: null },
];
const SORTS: Sort[] = [{}, { year: -1 }, { year: -1, updatedAt: -1 }, { rank: 1 }, { status: 1, rank: -1 }, { 'member.name': 1, year: 1 }];

async function pages(store: SqliteReadModelStore, name: string, filter: Filter, options: FindOptions): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 1000; n++) {
    const page = await store.collection(name).find(filter, { ...options, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((d) => d._id));
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('paging did not end');
}

describe('sqlite read model: SQL answers what mingo answers', () => {
  let store: SqliteReadModelStore;
  const docs = documents(240);
  beforeAll(async () => {
    store = new SqliteReadModelStore(join(dir, 'queries.db'));
    await store.ensureIndexes('books', [{ fields: ['bureauId', 'year', 'updatedAt'] }, { fields: ['bureauId', 'memberIds'] }, { fields: ['status'] }, { fields: ['member.name'] }]);
    await store.transaction(async (tx) => {
      for (const doc of docs) await tx.collection('books').replace(doc);
    });
  });
  afterAll(() => store.close());

  it.each(FILTERS.map((f) => [JSON.stringify(f), f]))('finds, counts and pages %s in every sort as mingo does', async (_name, filter) => {
    for (const sort of SORTS) {
      const expected = (find(docs, filter).sort({ ...sort, _id: 1 }).all() as ViewDocument[]).map((d) => d._id);
      expect(await pages(store, 'books', filter, { sort })).toEqual(expected);
      expect(await pages(store, 'books', filter, { sort, limit: 1 })).toEqual(expected);
      expect(await pages(store, 'books', filter, { sort, limit: 7 })).toEqual(expected);
    }
    expect(await store.collection('books').count(filter)).toBe(find(docs, filter).all().length);
  });

  it('gives an index whose field starts holding arrays a key table filled from the rows already there', async () => {
    await store.ensureIndexes('later', [{ fields: ['bureauId', 'tags'] }]);
    await store.transaction(async (tx) => {
      await tx.collection('later').replace({ _id: 'a', bureauId: 'b', tags: 'red' });
      await tx.collection('later').replace({ _id: 'b', bureauId: 'b', tags: 'blue' });
    });
    const r = store.collection('later');
    expect((await r.find({ bureauId: 'b', tags: 'red' })).items.map((d) => d._id)).toEqual(['a']);
    await store.transaction(async (tx) => tx.collection('later').replace({ _id: 'c', bureauId: 'b', tags: ['red', 'green'] }));
    expect(store.explain('later', { bureauId: 'b', tags: 'red' }).statements[0]!.sql).toContain('"k_later__g1__bureauId_tags"');
    expect((await r.find({ bureauId: 'b', tags: 'red' })).items.map((d) => d._id)).toEqual(['a', 'c']);
    await store.transaction(async (tx) => {
      await tx.collection('later').update('c', { $set: { tags: ['green'] } });
      await tx.collection('later').delete('a');
    });
    expect((await r.find({ bureauId: 'b', tags: { $in: ['red', 'green'] } })).items.map((d) => d._id)).toEqual(['c']);
  });

  it('forgets kinds a rolled-back transaction recorded, and records them again on the next write', async () => {
    await store.ensureIndexes('rolled', [{ fields: ['owner'] }]);
    await store.transaction(async (tx) => tx.collection('rolled').replace({ _id: 'a', owner: 'x' }));
    await expect(
      store.transaction(async (tx) => {
        await tx.collection('rolled').replace({ _id: 'b', owner: ['x', 'y'] });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await store.transaction(async (tx) => tx.collection('rolled').replace({ _id: 'c', owner: ['y', 'x'] }));
    expect((await store.collection('rolled').find({ owner: 'x' })).items.map((d) => d._id)).toEqual(['a', 'c']);
  });

  it('learns the kinds of a table written before kinds were recorded', async () => {
    const file = join(dir, 'older.db');
    const first = new SqliteReadModelStore(file);
    await first.ensureIndexes('books', [{ fields: ['memberIds'] }]);
    await first.transaction(async (tx) => {
      await tx.collection('books').replace({ _id: 'a', memberIds: ['m1', 'm2'], flag: true });
      await tx.collection('books').replace({ _id: 'b', memberIds: 'm1', flag: 1 });
    });
    await first.close();
    const raw = new Database(file);
    raw.exec(`DELETE FROM _kinds; DROP TABLE IF EXISTS "k_books__g1__memberIds"`);
    raw.close();
    const second = new SqliteReadModelStore(file);
    // Before a writer has looked at the table, nothing is known, so mingo decides.
    expect(second.explain('books', { memberIds: 'm1' }).exact).toBe(false);
    expect((await second.collection('books').find({ memberIds: 'm1' }, { sort: { flag: 1 } })).items.map((d) => d._id)).toEqual(['b', 'a']);
    await second.ensureIndexes('books', [{ fields: ['memberIds'] }]);
    expect(second.explain('books', { memberIds: 'm1' })).toMatchObject({ exact: true, ordered: true });
    expect(second.explain('books', {}, { sort: { flag: 1 } }).ordered).toBe(false);
    expect((await second.collection('books').find({ memberIds: 'm2' })).items.map((d) => d._id)).toEqual(['a']);
    await second.close();
  });

  it('drops a generation with its key tables and kinds', async () => {
    await store.ensureIndexes('regen', [{ fields: ['memberIds'] }]);
    await store.transaction(async (tx) => tx.collection('regen').replace({ _id: 'old', memberIds: ['m1'] }));
    await store.transaction(async (tx) => {
      await tx.collection('regen', 2).replace({ _id: 'new', memberIds: ['m1'] });
      await tx.activate('regen', 2);
    });
    await store.dropGeneration('regen', 1);
    expect((await store.collection('regen').find({ memberIds: 'm1' })).items.map((d) => d._id)).toEqual(['new']);
    const raw = new Database(join(dir, 'queries.db'), { readonly: true });
    const left = raw.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%regen__g1%' UNION ALL SELECT tbl FROM _kinds WHERE tbl LIKE '%regen__g1%'`).all();
    raw.close();
    expect(left).toEqual([]);
  });
});
