import { MongoClient, type ClientSession, type Collection, type Db, type Document } from 'mongodb';
import {
  decodeCursor,
  encodeCursor,
  guardKey,
  isNewer,
  sortFields,
  valueAt,
  withApplied,
  type AppliedRevisions,
  type CollectionReader,
  type CollectionWriter,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Page,
  type ReadModelStore,
  type ReadModelTransaction,
  type RevisionGuard,
  type Sort,
  type UpdateSpec,
  type ViewDocument,
} from '@pledgebook/read-model';
import { systemClock, type Clock } from '@pledgebook/util';
import { decodeKeyValues, encodeKeyValues, keysetFilter } from './keyset';
import { PreparedCollections, type CollectionCatalog } from './mongo-indexes';
import { databaseInUrl, hostsInUrl } from './mongo-url';

type Stored = ViewDocument & { _rev?: AppliedRevisions };
const HIDE_REV = { projection: { _rev: 0 } } as const;

function physical(name: string, generation: number): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(name)) throw new TypeError(`invalid collection name "${name}"`);
  return `${name}__g${generation}`;
}

export interface MongoReadModelStoreOptions {
  /** The database when the URL names none (a service's own); `pledgebook` when neither does. */
  database?: string;
  clock?: Clock;
  /** How long a readiness ping waits for an answer (default 700 ms). */
  pingTimeoutMs?: number;
}

const INDEX_REGISTRY = '_indexes';
/** MongoDB's NamespaceExists: another writer created the collection first. */
const NAMESPACE_EXISTS = 48;

/**
 * Read models on MongoDB. Writes run in multi-document transactions (a replica set is
 * required, as docker/compose.yaml provides), so documents, inbox marks and checkpoints
 * commit together.
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly collections: PreparedCollections;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly hosts: string,
    private readonly pingTimeoutMs: number,
  ) {
    this.collections = new PreparedCollections(catalogOf(db));
  }

  /**
   * Does not wait for the server: the driver connects on first use, so a service starts (and
   * answers its health checks) while MongoDB is still coming up or is down.
   */
  static async connect(url: string, options: MongoReadModelStoreOptions = {}): Promise<MongoReadModelStore> {
    const client = new MongoClient(url);
    const db = client.db(databaseInUrl(url) ?? options.database ?? 'pledgebook');
    return new MongoReadModelStore(client, db, options.clock ?? systemClock, hostsInUrl(url), options.pingTimeoutMs ?? 700);
  }

  collection<T extends ViewDocument = ViewDocument>(name: string): CollectionReader<T> {
    const current = async () => new MongoCollection<T>(this.db, physical(name, await this.activeGeneration(name)), undefined, () => Promise.resolve());
    return {
      findById: async (id) => (await current()).findById(id),
      findOne: async (filter) => (await current()).findOne(filter),
      find: async (filter, options) => (await current()).find(filter, options),
      count: async (filter) => (await current()).count(filter),
    };
  }

  /** Every transaction is majority-committed: `rebuildable` changes nothing here. */
  async transaction<R>(fn: (tx: ReadModelTransaction) => Promise<R>, _options?: { rebuildable?: boolean }): Promise<R> {
    try {
      return await this.transactionOnce(fn);
    } catch (error) {
      // Two writers created the same new collection at once: the loser's next try finds it there.
      if ((error as { code?: unknown }).code !== NAMESPACE_EXISTS) throw error;
      return this.transactionOnce(fn);
    }
  }

  async ensureIndexes(name: string, indexes: readonly IndexSpec[]): Promise<void> {
    const registry = this.db.collection<{ _id: string; name: string; fields: string[]; unique: boolean }>(INDEX_REGISTRY);
    for (const index of indexes) {
      const id = `${name}|${index.fields.join(',')}`;
      await registry.updateOne({ _id: id }, { $set: { name, fields: index.fields, unique: !!index.unique } }, { upsert: true });
    }
    const generations = await this.db.listCollections({ name: { $regex: `^${name.replace(/[^A-Za-z0-9_]/g, '\\$&')}__g[0-9]+$` } }, { nameOnly: true }).toArray();
    await this.collections.declare(name, indexes, generations.map((c) => c.name));
  }

  async activeGeneration(name: string, session?: ClientSession): Promise<number> {
    const row = await this.db.collection<{ _id: string; generation: number }>('_generations').findOne({ _id: name }, { session });
    return row?.generation ?? 1;
  }

  async dropGeneration(name: string, generation: number): Promise<void> {
    const live = await this.db.collection<{ _id: string }>('_generations').findOne({ _id: name });
    if (live && (await this.activeGeneration(name)) === generation) throw new Error(`generation ${generation} of ${name} is live`);
    await this.db.collection(physical(name, generation)).drop().catch(() => false);
    this.collections.forget(physical(name, generation));
  }

  async ping(): Promise<void> {
    try {
      await this.db.command({ ping: 1 }, { signal: AbortSignal.timeout(this.pingTimeoutMs) });
    } catch (error) {
      throw new Error(`MongoDB (${this.hosts}) does not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async transactionOnce<R>(fn: (tx: ReadModelTransaction) => Promise<R>): Promise<R> {
    const session = this.client.startSession();
    try {
      let result!: R;
      let created = new Set<string>();
      await session.withTransaction(async () => {
        created = new Set<string>(); // a retried attempt starts with nothing created
        result = await fn(this.transactionApi(session, created));
      });
      this.collections.committed(created);
      return result;
    } finally {
      await session.endSession();
    }
  }

  private transactionApi(session: ClientSession, created: Set<string>): ReadModelTransaction {
    const inbox = this.db.collection<{ _id: string; handledAt: string }>('_inbox');
    const checkpoints = this.db.collection<{ _id: string; position: number }>('_checkpoints');
    const generations = this.db.collection<{ _id: string; generation: number }>('_generations');
    // Generation lookups are async; collection() must not be, so resolve lazily per call.
    const writer = <T extends ViewDocument>(name: string, generation?: number): CollectionWriter<T> => {
      const resolve = async () => {
        const g = generation ?? (await this.activeGeneration(name, session));
        const target = physical(name, g);
        return new MongoCollection<T>(this.db, target, session, () => this.collections.beforeWrite(name, target, session, created));
      };
      return {
        findById: async (id) => (await resolve()).findById(id),
        findOne: async (f) => (await resolve()).findOne(f),
        find: async (f, o) => (await resolve()).find(f, o),
        count: async (f) => (await resolve()).count(f),
        replace: async (doc, guard) => (await resolve()).replace(doc, guard),
        update: async (id, spec, o) => (await resolve()).update(id, spec, o),
        delete: async (id) => (await resolve()).delete(id),
      };
    };
    return {
      collection: writer,
      markHandled: async (consumer, eventId) => {
        const result = await inbox.updateOne(
          { _id: `${consumer}|${eventId}` },
          { $setOnInsert: { handledAt: this.clock.now().toISOString() } },
          { upsert: true, session },
        );
        return result.upsertedCount === 1;
      },
      checkpoint: async (name) => (await checkpoints.findOne({ _id: name }, { session }))?.position,
      setCheckpoint: async (name, position) => {
        await checkpoints.updateOne({ _id: name }, { $set: { position } }, { upsert: true, session });
      },
      activate: async (name, generation) => {
        physical(name, generation);
        await generations.updateOne({ _id: name }, { $set: { generation } }, { upsert: true, session });
      },
    };
  }
}

/** The catalog operations PreparedCollections needs, on this database. */
function catalogOf(db: Db): CollectionCatalog {
  const keys = (fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, 1 as const]));
  return {
    registeredSpecs: async (name) =>
      (await db.collection<{ _id: string; fields: string[]; unique: boolean }>(INDEX_REGISTRY).find({ name }).toArray()).map((r) => ({ fields: r.fields, unique: r.unique })),
    exists: async (target) => (await db.listCollections({ name: target }, { nameOnly: true }).toArray()).length > 0,
    create: async (target, specs, session) => {
      await db.createCollection(target, { session });
      for (const spec of specs) await db.collection(target).createIndex(keys(spec.fields), { unique: !!spec.unique, session });
    },
    createIndexes: async (target, specs) => {
      for (const spec of specs) await db.collection(target).createIndex(keys(spec.fields), { unique: !!spec.unique });
    },
  };
}

class MongoCollection<T extends ViewDocument> implements CollectionWriter<T> {
  private readonly collection: Collection<Stored>;

  constructor(
    db: Db,
    name: string,
    private readonly session: ClientSession | undefined,
    private readonly beforeWrite: () => Promise<void>,
  ) {
    this.collection = db.collection<Stored>(name);
  }

  async findById(id: string): Promise<T | undefined> {
    return ((await this.collection.findOne({ _id: id }, { ...HIDE_REV, session: this.session })) as T | null) ?? undefined;
  }

  async findOne(filter: Filter): Promise<T | undefined> {
    return ((await this.collection.findOne(filter as Document, { ...HIDE_REV, session: this.session })) as T | null) ?? undefined;
  }

  async count(filter: Filter = {}): Promise<number> {
    return this.collection.countDocuments(filter as Document, { session: this.session });
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Page<T>> {
    const sort: Sort = { ...sortFields(options.sort), _id: 1 };
    const position = options.cursor ? decodeCursor(options.cursor, sort) : undefined;
    const query = position ? { $and: [filter, keysetFilter(sort, { values: decodeKeyValues(position.values), id: position.id })] } : filter;
    let cursor = this.collection.find(query as Document, { ...HIDE_REV, session: this.session }).sort(sort);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit + 1);
    const docs = (await cursor.toArray()) as T[];
    const limit = options.limit ?? docs.length;
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    if (!last || docs.length <= limit) return { items };
    const values = Object.keys(sort).map((k) => (k === '_id' ? last._id : valueAt(last, k)));
    return { items, nextCursor: encodeCursor({ values: encodeKeyValues(values), id: last._id }, sort) };
  }

  async replace(doc: T, guard?: RevisionGuard): Promise<boolean> {
    await this.beforeWrite();
    const current = await this.collection.findOne({ _id: doc._id }, { projection: { _rev: 1 }, session: this.session });
    if (!isNewer(current?._rev, guard)) return false;
    await this.collection.replaceOne({ _id: doc._id }, { ...doc, _rev: withApplied(current?._rev, guard) }, { upsert: true, session: this.session });
    return true;
  }

  async update(id: string, spec: UpdateSpec, options: { guard?: RevisionGuard; upsert?: boolean } = {}): Promise<boolean> {
    await this.beforeWrite();
    const current = await this.collection.findOne({ _id: id }, { projection: { _rev: 1 }, session: this.session });
    if (!current && !options.upsert) return false;
    if (!isNewer(current?._rev, options.guard)) return false;
    const set = { ...((spec.$set as Record<string, unknown>) ?? {}) };
    if (options.guard) set[`_rev.${guardKey(options.guard.stream)}`] = options.guard.revision;
    const update = { ...spec, ...(Object.keys(set).length > 0 ? { $set: set } : {}) };
    const result = await this.collection.updateOne({ _id: id }, update as Document, { upsert: !!options.upsert, session: this.session });
    return result.matchedCount + result.upsertedCount > 0;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: id }, { session: this.session })).deletedCount > 0;
  }
}
