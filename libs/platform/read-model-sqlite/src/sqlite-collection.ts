import type Database from 'better-sqlite3';
import { find, update as applyUpdate } from 'mingo';
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
import { jsonPath, tableName } from './schema';

interface Row {
  id: string;
  doc: string;
  revs: string;
}

type Primitive = string | number | boolean;

/**
 * One generation of a collection: a table of JSON documents. Equality on indexed fields is
 * pushed down to SQLite (expression indexes); everything else is MongoDB semantics via mingo.
 */
export class SqliteCollection<T extends ViewDocument> implements CollectionWriter<T> {
  private readonly table: string;
  private readonly bareName: string;
  private exists = false;

  /** With `create` false (the read connection) the table is never created: missing means empty. */
  constructor(
    private readonly db: Database.Database,
    name: string,
    generation: number,
    private readonly indexedFields: () => ReadonlySet<string>,
    create: boolean,
  ) {
    this.table = tableName(name, generation);
    this.bareName = this.table.slice(1, -1);
    if (create) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, revs TEXT NOT NULL DEFAULT '{}') WITHOUT ROWID`);
      this.exists = true;
    }
  }

  private ready(): boolean {
    this.exists ||= this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(this.bareName) !== undefined;
    return this.exists;
  }

  get physicalTable(): string {
    return this.table;
  }

  async findById(id: string): Promise<T | undefined> {
    if (!this.ready()) return undefined;
    const row = this.db.prepare(`SELECT doc FROM ${this.table} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async findOne(filter: Filter): Promise<T | undefined> {
    return (await this.find(filter, { limit: 1 })).items[0];
  }

  async count(filter: Filter = {}): Promise<number> {
    if (!this.ready()) return 0;
    if (Object.keys(filter).length === 0) {
      return (this.db.prepare(`SELECT count(*) AS n FROM ${this.table}`).get() as { n: number }).n;
    }
    return find(this.candidates(filter), filter).all().length;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Page<T>> {
    const sort: Sort = { ...sortFields(options.sort), _id: 1 };
    let items = find(this.candidates(filter), filter).sort(sort).all() as T[];
    if (options.cursor) {
      const position = decodeCursor(options.cursor, sort);
      const keys = Object.keys(sort);
      const after = (doc: T) => {
        for (const [i, key] of keys.entries()) {
          const order = compare(valueAt(doc, key) as never, (key === '_id' ? position.id : position.values[i]) as never);
          if (order !== 0) return order * (sort[key] ?? 1) > 0;
        }
        return false;
      };
      const start = items.findIndex(after);
      items = start === -1 ? [] : items.slice(start);
    }
    const limit = options.limit ?? items.length;
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      last && items.length > limit
        ? encodeCursor({ values: Object.keys(sort).map((k) => (k === '_id' ? last._id : valueAt(last, k))), id: last._id }, sort)
        : undefined;
    return nextCursor ? { items: page, nextCursor } : { items: page };
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
    return this.db.prepare(`DELETE FROM ${this.table} WHERE id = ?`).run(id).changes > 0;
  }

  private row(id: string): Row | undefined {
    return this.db.prepare(`SELECT id, doc, revs FROM ${this.table} WHERE id = ?`).get(id) as Row | undefined;
  }

  private write(doc: T, revs: AppliedRevisions): void {
    this.db
      .prepare(`INSERT INTO ${this.table} (id, doc, revs) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, revs = excluded.revs`)
      .run(doc._id, JSON.stringify(doc), JSON.stringify(revs));
  }

  /** Rows that may match: narrowed by equality on indexed fields, the rest left to mingo. */
  private candidates(filter: Filter): T[] {
    if (!this.ready()) return [];
    const indexed = this.indexedFields();
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    for (const [field, value] of Object.entries(filter)) {
      const eq = value !== null && typeof value === 'object' && !Array.isArray(value) && '$eq' in value ? (value as { $eq: unknown }).$eq : value;
      if (field === '_id' && typeof eq === 'string') {
        clauses.push('id = ?');
        params.push(eq);
      } else if (indexed.has(field) && (typeof eq === 'string' || typeof eq === 'number' || typeof eq === 'boolean')) {
        clauses.push(`json_extract(doc, ${jsonPath(field)}) = ?`);
        params.push(typeof (eq as Primitive) === 'boolean' ? (eq ? 1 : 0) : (eq as string | number));
      }
    }
    const where = clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT doc FROM ${this.table}${where}`).all(...params) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as T);
  }
}
