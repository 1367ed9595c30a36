import { find, Query, update as applyUpdate } from 'mingo';
import { compare } from 'mingo/util';
import {
  decodeCursor,
  encodeCursor,
  isNewer,
  sortFields,
  valueAt,
  withApplied,
  type AppliedRevisions,
  type CollectionWriter,
  type Filter,
  type FindOptions,
  type Page,
  type RevisionGuard,
  type Sort,
  type UpdateSpec,
  type ViewDocument,
} from '@pledgebook/read-model';
import { filterCondition, isFieldPath, type Condition, type SqlValue } from './filter-sql';
import { comparable, orderBy, rangesAfter } from './keyset-sql';
import type { Statements } from './statements';
import { bare, readCatalog, type TableRef } from './table-catalog';
import type { TableWriter } from './table-writer';

interface Row {
  id: string;
  doc: string;
  revs: string;
}

/** Counts kept for tests and diagnostics: how many stored documents queries have parsed. */
export interface ReadCounters {
  rowsParsed: number;
}

/** The SQL a query runs, and what SQLite plans for each statement (`EXPLAIN QUERY PLAN`). */
export interface QueryPlan {
  /** True when SQLite returns rows in the query's order (a page reads only as far as it needs). */
  ordered: boolean;
  /** True when SQL answers the whole filter (no row is left for mingo to reject). */
  exact: boolean;
  statements: { sql: string; plan: string[] }[];
}

interface Planned {
  sort: Sort;
  condition: Condition;
  ordered: boolean;
  limit: number | undefined;
  statements: { sql: string; params: SqlValue[] }[];
  cursorId?: string;
  cursorValues?: unknown[];
}

/**
 * One generation of a collection: a table of JSON documents. The parts of a filter SQL can
 * answer become WHERE terms over expression indexes and key tables; a sort on fields whose kinds
 * SQLite orders as MongoDB does becomes ORDER BY, and a cursor becomes index ranges, so a page
 * reads about as many rows as it returns. Whatever SQL cannot answer, mingo does (ADR 0028).
 */
export class SqliteCollection<T extends ViewDocument> implements CollectionWriter<T> {
  constructor(
    private readonly s: Statements,
    private readonly ref: TableRef,
    /** Present on the write connection only: the read connection never creates tables. */
    private readonly writer: TableWriter | undefined,
    private readonly counters: ReadCounters,
  ) {}

  private ready(): boolean {
    return this.writer !== undefined || this.s.get(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(bare(this.ref.table)) !== undefined;
  }

  get physicalTable(): string {
    return this.ref.table;
  }

  async findById(id: string): Promise<T | undefined> {
    if (!this.ready()) return undefined;
    const row = this.s.get(`SELECT doc FROM ${this.ref.table} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async findOne(filter: Filter): Promise<T | undefined> {
    return (await this.find(filter, { limit: 1 })).items[0];
  }

  async count(filter: Filter = {}): Promise<number> {
    return this.snapshot(() => {
      if (!this.ready()) return 0;
      const condition = filterCondition(filter, readCatalog(this.s, this.ref));
      if (condition.exact) return (this.s.get(`SELECT count(*) AS n FROM ${this.ref.table}${where(condition)}`).get(...condition.params) as { n: number }).n;
      const query = new Query(filter);
      let n = 0;
      for (const row of this.s.get(`SELECT doc FROM ${this.ref.table}${where(condition)}`).iterate(...condition.params) as IterableIterator<{ doc: string }>) {
        this.counters.rowsParsed += 1;
        if (query.test(JSON.parse(row.doc) as Record<string, unknown>)) n += 1;
      }
      return n;
    });
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Page<T>> {
    return this.snapshot(() => {
      if (!this.ready()) return { items: [] };
      const planned = this.plan(filter, options);
      return planned.ordered ? this.readOrdered(filter, planned) : this.readAndSort(filter, planned);
    });
  }

  /** What `find` would run, with SQLite's plan for each statement. */
  explain(filter: Filter = {}, options: FindOptions = {}): QueryPlan {
    return this.snapshot(() => {
      const planned = this.plan(filter, options);
      const statements = planned.statements.map(({ sql, params }) => {
        const args = sql.endsWith('LIMIT ?') ? [...params, (planned.limit ?? 0) + 1] : params;
        const plan = (this.s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
        return { sql, plan };
      });
      return { ordered: planned.ordered, exact: planned.condition.exact, statements };
    });
  }

  async replace(doc: T, guard?: RevisionGuard): Promise<boolean> {
    const current = this.row(doc._id);
    const applied = current ? (JSON.parse(current.revs) as AppliedRevisions) : undefined;
    if (!isNewer(applied, guard)) return false;
    this.write(doc, withApplied(applied, guard));
    return true;
  }

  async update(id: string, spec: UpdateSpec, options: { guard?: RevisionGuard; upsert?: boolean } = {}): Promise<boolean> {
    const current = this.row(id);
    if (!current && !options.upsert) return false;
    const applied = current ? (JSON.parse(current.revs) as AppliedRevisions) : undefined;
    if (!isNewer(applied, options.guard)) return false;
    const doc = (current ? JSON.parse(current.doc) : { _id: id }) as T;
    applyUpdate(doc, spec as never);
    doc._id = id;
    this.write(doc, withApplied(applied, options.guard));
    return true;
  }

  async delete(id: string): Promise<boolean> {
    const deleted = this.s.get(`DELETE FROM ${this.ref.table} WHERE id = ?`).run(id).changes > 0;
    if (deleted) this.writer?.deleted(id);
    return deleted;
  }

  /** Several statements read one snapshot (a transaction, or a savepoint inside the writer's). */
  private snapshot<R>(fn: () => R): R {
    return this.s.db.transaction(fn)();
  }

  private plan(filter: Filter, options: FindOptions): Planned {
    const catalog = readCatalog(this.s, this.ref);
    const condition = filterCondition(filter, catalog);
    const sort: Sort = { ...sortFields(options.sort), _id: 1 };
    const position = options.cursor ? decodeCursor(options.cursor, sort) : undefined;
    const limit = options.limit;
    const ordered = Object.keys(sort).every((f) => isFieldPath(f) && catalog.kinds.sortable(f)) && (!position || comparable(position.values));
    const base = { sort, condition, ordered, limit, ...(position ? { cursorId: position.id, cursorValues: position.values } : {}) };
    if (!ordered) return { ...base, statements: [{ sql: `SELECT doc FROM ${this.ref.table}${where(condition)}`, params: condition.params }] };
    const ranges = position ? rangesAfter(sort, position.values as (SqlValue | null)[]) : [{ sql: '', params: [], from: 0 }];
    const statements = ranges.map((range) => {
      const both: Condition = { sql: [condition.sql, range.sql].filter(Boolean).map((s) => `(${s})`).join(' AND '), params: [...condition.params, ...range.params], exact: true };
      const tail = ` ORDER BY ${orderBy(sort, range.from)}${condition.exact && limit !== undefined ? ' LIMIT ?' : ''}`;
      return { sql: `SELECT doc FROM ${this.ref.table}${where(both)}${tail}`, params: both.params };
    });
    return { ...base, statements };
  }

  /** Rows come in the query's order: read until the page (and one more, for the cursor) is full. */
  private readOrdered(filter: Filter, planned: Planned): Page<T> {
    const query = planned.condition.exact ? undefined : new Query(filter);
    const wanted = planned.limit === undefined ? Infinity : planned.limit + 1;
    const items: T[] = [];
    reading: for (const { sql, params } of planned.statements) {
      const args = sql.endsWith('LIMIT ?') ? [...params, wanted - items.length] : params;
      for (const row of this.s.get(sql).iterate(...args) as IterableIterator<{ doc: string }>) {
        this.counters.rowsParsed += 1;
        const doc = JSON.parse(row.doc) as T;
        if (query && !query.test(doc)) continue;
        items.push(doc);
        if (items.length >= wanted) break reading;
      }
    }
    return this.pageOf(items, planned);
  }

  /** The fallback: every candidate parsed, filtered and sorted by mingo, then sliced after the cursor. */
  private readAndSort(filter: Filter, planned: Planned): Page<T> {
    const { sql, params } = planned.statements[0]!;
    const rows = this.s.get(sql).all(...params) as { doc: string }[];
    this.counters.rowsParsed += rows.length;
    let items = find(rows.map((r) => JSON.parse(r.doc) as T), filter).sort(planned.sort).all() as T[];
    if (planned.cursorId !== undefined) {
      const keys = Object.keys(planned.sort);
      const after = (doc: T) => {
        for (const [i, key] of keys.entries()) {
          const order = compare(valueAt(doc, key) as never, (key === '_id' ? planned.cursorId : planned.cursorValues![i]) as never);
          if (order !== 0) return order * (planned.sort[key] ?? 1) > 0;
        }
        return false;
      };
      const start = items.findIndex(after);
      items = start === -1 ? [] : items.slice(start);
    }
    return this.pageOf(items, planned);
  }

  private pageOf(items: T[], planned: Planned): Page<T> {
    const limit = planned.limit ?? items.length;
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    if (!last || items.length <= limit) return { items: page };
    const values = Object.keys(planned.sort).map((k) => (k === '_id' ? last._id : valueAt(last, k)));
    return { items: page, nextCursor: encodeCursor({ values, id: last._id }, planned.sort) };
  }

  private row(id: string): Row | undefined {
    return this.s.get(`SELECT id, doc, revs FROM ${this.ref.table} WHERE id = ?`).get(id) as Row | undefined;
  }

  private write(doc: T, revs: AppliedRevisions): void {
    const json = JSON.stringify(doc);
    this.s
      .get(`INSERT INTO ${this.ref.table} (id, doc, revs) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, revs = excluded.revs`)
      .run(doc._id, json, JSON.stringify(revs));
    this.writer?.written(doc, json);
  }
}

function where(condition: Condition): string {
  return condition.sql ? ` WHERE ${condition.sql}` : '';
}
