import type Database from 'better-sqlite3';
import type {
  CollectionReader,
  CollectionWriter,
  Filter,
  FindOptions,
  IndexSpec,
  ReadModelStore,
  ReadModelTransaction,
  ViewDocument,
} from '@pledgebook/read-model';
import { AsyncTransactionQueue, openDatabase } from '@pledgebook/sqlite';
import { systemClock, type Clock } from '@pledgebook/util';
import { READ_MODEL_SCHEMA, assertCollectionName, keyTableName, tableName } from './schema';
import { SqliteCollection, type QueryPlan, type ReadCounters } from './sqlite-collection';
import { Statements } from './statements';
import { bare, declaredIndexes } from './table-catalog';
import { TableWriter } from './table-writer';

export interface SqliteReadModelStoreOptions {
  clock?: Clock;
}

/** Rows `ANALYZE` samples per index: statistics in milliseconds, however large the table. */
const ANALYSIS_LIMIT = 1000;

/**
 * Read models on SQLite: one file per service. Writes go through one connection in serialised
 * BEGIN IMMEDIATE transactions; reads use a second connection, so they never see a
 * transaction that has not committed.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly writes: Statements;
  private readonly reads: Statements;
  private readonly queue: AsyncTransactionQueue;
  private readonly clock: Clock;
  private readonly collections = new Map<string, SqliteCollection<ViewDocument>>();
  private readonly tables = new Map<string, TableWriter>();
  private readonly counters: ReadCounters = { rowsParsed: 0 };

  constructor(readonly file: string, options: SqliteReadModelStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.writer = openDatabase(file);
    this.writer.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    this.writer.transaction(() => this.writer.exec(READ_MODEL_SCHEMA)).immediate();
    this.reader = openDatabase(file);
    this.writes = new Statements(this.writer);
    this.reads = new Statements(this.reader);
    this.queue = new AsyncTransactionQueue(this.writer);
  }

  collection<T extends ViewDocument = ViewDocument>(name: string): CollectionReader<T> {
    // Resolved on every call: after a rebuild switches generations, readers follow at once.
    const current = () => this.handle<T>(this.reader, name, this.generationOf(this.reads, name));
    return {
      findById: (id) => current().findById(id),
      findOne: (filter) => current().findOne(filter),
      find: (filter, options) => current().find(filter, options),
      count: (filter) => current().count(filter),
    };
  }

  /** The SQL a `find` on the live generation runs and SQLite's plan for it (this adapter only). */
  explain(name: string, filter: Filter = {}, options: FindOptions = {}): QueryPlan {
    return this.handle(this.reader, name, this.generationOf(this.reads, name)).explain(filter, options);
  }

  /** Stored documents parsed by queries since the store opened (this adapter only). */
  get rowsParsed(): number {
    return this.counters.rowsParsed;
  }

  async transaction<R>(fn: (tx: ReadModelTransaction) => Promise<R>, options: { rebuildable?: boolean } = {}): Promise<R> {
    try {
      return await this.queue.run(async () => {
        const result = await fn(this.transactionApi());
        for (const table of this.tables.values()) table.analyzeIfGrown();
        return result;
      }, { relaxed: options.rebuildable === true });
    } catch (error) {
      this.forgetWriters(); // what they knew of kinds and key tables may have rolled back
      throw error;
    }
  }

  async ensureIndexes(name: string, indexes: readonly IndexSpec[]): Promise<void> {
    assertCollectionName(name);
    try {
      await this.queue.run(async () => {
        const register = this.writer.prepare('INSERT OR IGNORE INTO _indexes (name, fields, uniq) VALUES (?, ?, ?)');
        for (const index of indexes) register.run(name, index.fields.join(','), index.unique ? 1 : 0);
        this.forgetWriters();
        this.handle(this.writer, name, this.generationOf(this.writes, name));
      });
    } finally {
      this.collections.clear();
    }
  }

  async activeGeneration(name: string): Promise<number> {
    return this.generationOf(this.reads, name);
  }

  async dropGeneration(name: string, generation: number): Promise<void> {
    await this.queue.run(async () => {
      if (this.generationOf(this.writes, name) === generation && this.hasGeneration(name)) {
        throw new Error(`generation ${generation} of ${name} is live`);
      }
      const table = tableName(name, generation);
      for (const index of declaredIndexes(this.writes, name)) this.writer.exec(`DROP TABLE IF EXISTS ${keyTableName(name, generation, index.fields)}`);
      this.writer.exec(`DROP TABLE IF EXISTS ${table}`);
      this.writer.prepare('DELETE FROM _kinds WHERE tbl = ?').run(bare(table));
      this.tables.delete(table);
    });
    for (const key of [...this.collections.keys()]) if (key.endsWith(`|${name}|${generation}`)) this.collections.delete(key);
    this.writes.clear();
    this.reads.clear();
  }

  async ping(): Promise<void> {
    this.reads.get('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.queue.run(async () => undefined).catch(() => undefined);
    if (this.reader.open) this.reader.close();
    if (this.writer.open) this.writer.close();
  }

  private transactionApi(): ReadModelTransaction {
    const db = this.writer;
    return {
      collection: <T extends ViewDocument>(name: string, generation?: number): CollectionWriter<T> =>
        this.handle<T>(db, name, generation ?? this.generationOf(this.writes, name)),
      markHandled: async (consumer, eventId) =>
        this.writes.get('INSERT OR IGNORE INTO _inbox (consumer, event_id, handled_at) VALUES (?, ?, ?)').run(consumer, eventId, this.clock.now().toISOString()).changes === 1,
      checkpoint: async (name) => (this.writes.get('SELECT position FROM _checkpoints WHERE name = ?').get(name) as { position: number } | undefined)?.position,
      setCheckpoint: async (name, position) => {
        this.writes.get('INSERT INTO _checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position').run(name, position);
      },
      activate: async (name, generation) => {
        assertCollectionName(name);
        this.handle(db, name, generation);
        this.writes.get('INSERT INTO _generations (name, generation) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET generation = excluded.generation').run(name, generation);
      },
    };
  }

  /** Writer handles are made inside a write transaction: making one creates its table and indexes. */
  private handle<T extends ViewDocument>(db: Database.Database, name: string, generation: number): SqliteCollection<T> {
    const writing = db === this.writer;
    const key = `${writing ? 'w' : 'r'}|${name}|${generation}`;
    let collection = this.collections.get(key);
    if (!collection) {
      const ref = { name, generation, table: tableName(name, generation) };
      let table: TableWriter | undefined;
      if (writing) {
        table = this.tables.get(ref.table) ?? new TableWriter(this.writes, ref);
        this.tables.set(ref.table, table);
      }
      collection = new SqliteCollection<ViewDocument>(writing ? this.writes : this.reads, ref, table, this.counters);
      this.collections.set(key, collection);
    }
    return collection as unknown as SqliteCollection<T>;
  }

  private forgetWriters(): void {
    this.tables.clear();
    for (const key of [...this.collections.keys()]) if (key.startsWith('w|')) this.collections.delete(key);
  }

  private generationOf(statements: Statements, name: string): number {
    const row = statements.get('SELECT generation FROM _generations WHERE name = ?').get(name) as { generation: number } | undefined;
    return row?.generation ?? 1;
  }

  private hasGeneration(name: string): boolean {
    return this.writes.get('SELECT 1 FROM _generations WHERE name = ?').get(name) !== undefined;
  }
}
