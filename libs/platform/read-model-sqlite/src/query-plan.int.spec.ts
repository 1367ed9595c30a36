import type { Filter, FindOptions, IndexSpec } from '@pledgebook/read-model';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryPlan } from './sqlite-collection';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-rm-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BUREAUS = 60;
const PER_BUREAU = 50;
const STATUSES = ['published', 'draft', 'submitted', 'approved', 'published'];

/** Indexes declared in the order the list queries filter and then sort. */
const PLEDGE_INDEXES: IndexSpec[] = [
  { fields: ['bureauId', 'year', 'updatedAt'] },
  { fields: ['bureauId', 'year', 'status', 'updatedAt'] },
  { fields: ['bureauId', 'branchId', 'year', 'publishedAt'] },
  { fields: ['bureauId', 'memberIds', 'year'] },
  { fields: ['bureauId', 'groupId'] },
  { fields: ['bureauId', 'status'] },
];

function book(b: number, i: number) {
  return {
    _id: `c${b}/p${i}`,
    bureauId: `city-${b}`,
    year: i % 10 === 0 ? 2025 : 2026,
    branchId: `branch-${i % 2}`,
    groupId: `group-${i % 5}`,
    status: STATUSES[i % STATUSES.length]!,
    memberIds: i % 7 === 0 ? [`m${i}`, `m${i + 1}`] : [`m${i}`],
    updatedAt: new Date(Date.UTC(2026, 0, 1) + (i * BUREAUS + b) * 60_000).toISOString(),
    ...(i % 5 === 0 || i % 5 === 4 ? { publishedAt: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString() } : {}),
    items: [{ kind: 'common', text: '每月精讀一本理論著作' }, { kind: 'deed', text: '資助一名家庭困難學生' }],
  };
}

/** Every statement starts from an index (or the primary key) of a table: no `SCAN` of one. */
function expectSearches(plan: QueryPlan): void {
  for (const statement of plan.statements) {
    const scans = statement.plan.filter((line) => /^SCAN (?!json_each)/.test(line));
    expect({ sql: statement.sql, scans }).toEqual({ sql: statement.sql, scans: [] });
    expect(statement.plan.some((line) => /^SEARCH [ck]_\w+ USING (COVERING )?(INDEX|PRIMARY KEY)/.test(line))).toBe(true);
  }
}

describe('sqlite read model: list queries use indexes (EXPLAIN QUERY PLAN)', () => {
  let store: SqliteReadModelStore;
  const file = join(dir, 'views.db');
  beforeAll(async () => {
    store = new SqliteReadModelStore(file);
    await store.ensureIndexes('pledges', PLEDGE_INDEXES);
    await store.ensureIndexes('flat', [{ fields: ['bureauId'] }, { fields: ['branchId'] }, { fields: ['year'] }]);
    await store.ensureIndexes('members', [{ fields: ['bureauId', 'name'] }]);
    for (let b = 0; b < BUREAUS; b++) {
      await store.transaction(async (tx) => {
        for (let i = 0; i < PER_BUREAU; i++) {
          await tx.collection('pledges').replace(book(b, i));
          await tx.collection('flat').replace(book(b, i));
          await tx.collection('members').replace({ _id: `city-${b}/m${i}`, bureauId: `city-${b}`, memberId: `m${i}`, name: `黨員${(i * 37) % PER_BUREAU}號` });
        }
      }, { rebuildable: true });
    }
  });
  afterAll(() => store.close());

  const shapes: [string, string, Filter, FindOptions][] = [
    ['{bureauId, year}', 'pledges', { bureauId: 'city-7', year: 2026 }, {}],
    ['{bureauId, year, branchId}', 'pledges', { bureauId: 'city-7', year: 2026, branchId: 'branch-1' }, {}],
    ['{bureauId, memberIds: m} (an array field)', 'pledges', { bureauId: 'city-7', memberIds: 'm15' }, { sort: { year: -1 }, limit: 200 }],
    ['{$and: [{bureauId}, {year}, {status}]} by updatedAt', 'pledges', { $and: [{ bureauId: 'city-7' }, { year: 2026 }, { status: 'published' }] }, { sort: { updatedAt: -1 }, limit: 3 }],
    ['a plain member’s list page: {$and: [{bureauId, year}, {$or: [{status}, {memberIds}]}]}', 'pledges', { $and: [{ bureauId: 'city-7', year: 2026 }, { $or: [{ status: { $in: ['published', 'closed'] } }, { memberIds: 'm3' }] }] }, { sort: { year: -1, updatedAt: -1 }, limit: 5 }],
    ['the branch board: {bureauId, branchId, status: {$in}, year}', 'pledges', { bureauId: 'city-7', branchId: 'branch-0', status: { $in: ['published', 'closed'] }, year: 2026 }, { sort: { year: -1, publishedAt: 1 }, limit: 3 }],
    ['{bureauId, status}', 'pledges', { bureauId: 'city-7', status: 'draft' }, { limit: 3 }],
    ['{bureauId, groupId}', 'pledges', { bureauId: 'city-7', groupId: 'group-2' }, { limit: 3 }],
    ['{bureauId, branchId}', 'pledges', { bureauId: 'city-7', branchId: 'branch-1' }, { limit: 3 }],
    ['{bureauId} by name', 'members', { bureauId: 'city-7' }, { sort: { name: 1 }, limit: 10 }],
  ];

  it.each(shapes)('%s searches an index, on the first page and after a cursor, and SQL answers the whole filter', async (_name, collection, filter, options) => {
    const first = store.explain(collection, filter, options);
    expect(first).toMatchObject({ ordered: true, exact: true });
    expectSearches(first);
    const page = await store.collection(collection).find(filter, options);
    expect(page.items.length).toBeGreaterThan(0);
    if (options.limit && options.limit < 50) {
      expect(page.nextCursor).toBeDefined();
      expectSearches(store.explain(collection, filter, { ...options, cursor: page.nextCursor! }));
    }
  });

  it('looks a member’s books up in the key table of the array index, not among the bureau’s', () => {
    const plan = store.explain('pledges', { bureauId: 'city-7', memberIds: 'm15' }, { sort: { year: -1 } });
    expect(plan.statements[0]!.plan).toContain('SEARCH k_pledges__g1__bureauId_memberIds_year USING PRIMARY KEY (k0=? AND k1=?)');
  });

  it('walks the (bureauId, name) index in order: no sort step', () => {
    const plan = store.explain('members', { bureauId: 'city-7' }, { sort: { name: 1 }, limit: 10 });
    expect(plan.statements[0]!.plan).toEqual(['SEARCH c_members__g1 USING INDEX i_members__g1__bureauId_name (<expr>=?)']);
  });

  it('picks the bureau index over the year index, with the single-field indexes declared today, because the table has statistics', () => {
    for (const filter of [{ bureauId: 'city-7', year: 2026 }, { $and: [{ year: 2026 }, { bureauId: 'city-7' }, { branchId: 'branch-0' }] }]) {
      const plan = store.explain('flat', filter);
      expect(plan.statements[0]!.plan).toEqual(['SEARCH c_flat__g1 USING INDEX i_flat__g1__bureauId (<expr>=?)']);
    }
    const raw = new Database(file, { readonly: true });
    const rows = raw.prepare(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'c_flat__g1' AND idx = 'i_flat__g1__bureauId'`).get() as { stat: string };
    raw.close();
    // Refreshed each time the table doubled: the last time at or after half of its rows.
    expect(Number(rows.stat.split(' ')[0])).toBeGreaterThanOrEqual((BUREAUS * PER_BUREAU) / 2);
  });

  it('reads a page of 1 after a cursor by parsing 2 rows, not the bureau’s books, and pages through all of them', async () => {
    const filter = { $and: [{ bureauId: 'city-9' }, { year: 2026 }, { status: 'published' }] };
    const all = await store.collection('pledges').find(filter, { sort: { updatedAt: -1 } });
    expect(all.items.length).toBeGreaterThanOrEqual(15);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const before = store.rowsParsed;
      const page = await store.collection('pledges').find(filter, { sort: { updatedAt: -1 }, limit: 1, ...(cursor ? { cursor } : {}) });
      expect(store.rowsParsed - before).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d._id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((d) => d._id));
  });

  it('parses only the member’s books for a member’s list, though the member id is in every bureau', async () => {
    const before = store.rowsParsed;
    const page = await store.collection('pledges').find({ bureauId: 'city-7', memberIds: 'm15' }, { sort: { year: -1 }, limit: 200 });
    expect(page.items.map((d) => d._id)).toEqual(['c7/p14', 'c7/p15']);
    expect(store.rowsParsed - before).toBe(2);
  });
});
