import type Database from 'better-sqlite3';
import type {
  CollectionReader,
  CollectionWriter,
  IndexSpec,
  ReadModelStore,
  ReadModelTransaction,
  ViewDocument,
} from '@pledgebook/read-model';
import { AsyncTransactionQueue, openDatabase } from '@pledgebook/sqlite';
import { systemClock, type Clock } from '@pledgebook/util';
import { READ_MODEL_SCHEMA, assertCollectionName, jsonPath, tableName } from './schema';
import { SqliteCollection } from './sqlite-collection';

export interface SqliteReadModelStoreOptions {
  clock?: Clock;
}

/**
 * Read models on SQLite: one file per service. Writes go through one connection in serialised
 * BEGIN IMMEDIATE transactions; reads use a second connection, so they never see a
 * transaction that has not committed.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly queue: AsyncTransactionQueue;
  private readonly clock: Clock;
  private readonly collections = new Map<string, SqliteCollection<ViewDocument>>();

  constructor(readonly file: string, options: SqliteReadModelStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.writer = openDatabase(file);
    this.writer.transaction(() => this.writer.exec(READ_MODEL_SCHEMA)).immediate();
    this.reader = openDatabase(file);
    this.queue = new AsyncTransactionQueue(this.writer);
  }

  collection<T extends ViewDocument = ViewDocument>(name: string): CollectionReader<T> {
    // Resolved on every call: after a rebuild switches generations, readers follow at once.
    const current = () => this.handle<T>(this.reader, name, this.generationOf(this.reader, name));
    return {
      findById: (id) => current().findById(id),
      findOne: (filter) => current().findOne(filter),
      find: (filter, options) => current().find(filter, options),
      count: (filter) => current().count(filter),
    };
  }

  transaction<R>(fn: (tx: ReadModelTransaction) => Promise<R>, options: { rebuildable?: boolean } = {}): Promise<R> {
    return this.queue.run(() => fn(this.transactionApi()), { relaxed: options.rebuildable === true });
  }

  async ensureIndexes(name: string, indexes: readonly IndexSpec[]): Promise<void> {
    assertCollectionName(name);
    await this.queue.run(async () => {
      const register = this.writer.prepare('INSERT OR IGNORE INTO _indexes (name, fields, uniq) VALUES (?, ?, ?)');
      for (const index of indexes) register.run(name, index.fields.join(','), index.unique ? 1 : 0);
      this.createIndexes(name, this.generationOf(this.writer, name));
    });
    this.collections.clear();
  }

  async activeGeneration(name: string): Promise<number> {
    return this.generationOf(this.reader, name);
  }

  async dropGeneration(name: string, generation: number): Promise<void> {
    await this.queue.run(async () => {
      if (this.generationOf(this.writer, name) === generation && this.hasGeneration(name)) {
        throw new Error(`generation ${generation} of ${name} is live`);
      }
      this.writer.exec(`DROP TABLE IF EXISTS ${tableName(name, generation)}`);
    });
    for (const key of [...this.collections.keys()]) if (key.endsWith(`|${name}|${generation}`)) this.collections.delete(key);
  }

  async ping(): Promise<void> {
    this.reader.prepare('SELECT 1').get();
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
        this.handle<T>(db, name, generation ?? this.generationOf(db, name)),
      markHandled: async (consumer, eventId) =>
        db.prepare('INSERT OR IGNORE INTO _inbox (consumer, event_id, handled_at) VALUES (?, ?, ?)').run(consumer, eventId, this.clock.now().toISOString())
          .changes === 1,
      checkpoint: async (name) => (db.prepare('SELECT position FROM _checkpoints WHERE name = ?').get(name) as { position: number } | undefined)?.position,
      setCheckpoint: async (name, position) => {
        db.prepare('INSERT INTO _checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position').run(name, position);
      },
      activate: async (name, generation) => {
        assertCollectionName(name);
        this.handle(db, name, generation);
        db.prepare('INSERT INTO _generations (name, generation) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET generation = excluded.generation').run(name, generation);
      },
    };
  }

  private handle<T extends ViewDocument>(db: Database.Database, name: string, generation: number): SqliteCollection<T> {
    const key = `${db === this.writer ? 'w' : 'r'}|${name}|${generation}`;
    let collection = this.collections.get(key);
    if (!collection) {
      collection = new SqliteCollection<ViewDocument>(db, name, generation, () => this.indexedFields(name), db === this.writer);
      if (db === this.writer) this.createIndexes(name, generation);
      this.collections.set(key, collection);
    }
    return collection as unknown as SqliteCollection<T>;
  }

  private generationOf(db: Database.Database, name: string): number {
    const row = db.prepare('SELECT generation FROM _generations WHERE name = ?').get(name) as { generation: number } | undefined;
    return row?.generation ?? 1;
  }

  private hasGeneration(name: string): boolean {
    return this.writer.prepare('SELECT 1 FROM _generations WHERE name = ?').get(name) !== undefined;
  }

  private indexedFields(name: string): ReadonlySet<string> {
    const rows = this.reader.prepare('SELECT fields FROM _indexes WHERE name = ?').all(name) as { fields: string }[];
    return new Set(rows.flatMap((r) => r.fields.split(',')));
  }

  private createIndexes(name: string, generation: number): void {
    const table = tableName(name, generation);
    this.writer.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, revs TEXT NOT NULL DEFAULT '{}') WITHOUT ROWID`);
    const rows = this.writer.prepare('SELECT fields, uniq FROM _indexes WHERE name = ?').all(name) as { fields: string; uniq: number }[];
    for (const row of rows) {
      const fields = row.fields.split(',');
      const indexName = `"i_${name.replace(/-/g, '_')}__g${generation}__${fields.join('_').replace(/\./g, '_')}"`;
      const expressions = fields.map((f) => `json_extract(doc, ${jsonPath(f)})`).join(', ');
      this.writer.exec(`CREATE ${row.uniq ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${indexName} ON ${table} (${expressions})`);
    }
  }
}
