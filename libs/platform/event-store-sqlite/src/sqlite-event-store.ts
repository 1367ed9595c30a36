import type Database from 'better-sqlite3';
import {
  assertExpectedRevision,
  ChainVerifier,
  DuplicateEventId,
  canonicalHashedContent,
  canonicalPayload,
  expectationMetAt,
  GENESIS_HASH,
  pollingSubscription,
  validateAppend,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type EventFilter,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamVerification,
  type SubscribeAllOptions,
  type Subscription,
  type SubscriptionHandler,
} from '@pledgebook/event-store';
import { newId, sha256Hex, systemClock, type Clock } from '@pledgebook/util';
import { ChangeNotifier, openDatabase } from '@pledgebook/sqlite';
import { EVENT_COLUMNS, EVENT_STORE_SCHEMA } from './schema';

export interface SqliteEventStoreOptions {
  clock?: Clock;
  /** Fallback wake-up for subscribers where file-change events are not delivered. */
  idlePollMs?: number;
  busyTimeoutMs?: number;
}

interface StreamHead {
  revision: number;
  hash: string;
  recorded_at: string;
}

const VERIFY_PAGE = 1000;

/** Rows are read as arrays (columns in EVENT_COLUMNS order): cheaper than one object per row. */
type EventTuple = [number, string, string, number, string, number, string, string, string, string, string];

function toRecorded(row: EventTuple): RecordedEvent {
  return {
    id: row[1],
    stream: row[2],
    revision: row[3],
    position: row[0],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[6]),
    metadata: JSON.parse(row[7]),
    recordedAt: row[8],
    prevHash: row[9],
    hash: row[10],
  };
}

/** Duck-typed: the driver's error class may come from another realm (e.g. under jest). */
function isDuplicateId(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.id');
}

/** The embedded event store: one SQLite file shared by any number of processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly notifier: ChangeNotifier;
  private readonly idlePollMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly appendTx: (stream: string, events: readonly NewEvent[], expected: AppendOptions['expectedRevision']) => AppendResult;

  constructor(readonly file: string, options: SqliteEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.idlePollMs = options.idlePollMs ?? 250;
    this.db = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
    this.db.transaction(() => this.db.exec(EVENT_STORE_SCHEMA)).immediate();
    this.notifier = new ChangeNotifier(file);
    const tx = this.db.transaction(this.appendInTransaction.bind(this));
    this.appendTx = (stream, events, expected) => tx.immediate(stream, events, expected);
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(stream, events, expected);
    const result = this.appendTx(stream, events, expected);
    if (!result.idempotent) this.notifier.notify();
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamRows(stream, options).map(toRecorded);
  }

  /** One statement (one snapshot) for any number of streams: their names go in as one JSON array. */
  async readStreams(streams: readonly string[]): Promise<RecordedEvent[]> {
    if (!streams.length) return [];
    const rows = this.statement(
      'streams',
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream IN (SELECT value FROM json_each(?)) ORDER BY position`,
      true,
    ).all(JSON.stringify(streams)) as EventTuple[];
    return rows.map(toRecorded);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.head(stream)?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? 1000;
    const head = this.headPositionSync();
    if (head <= after) return { events: [], lastPosition: options.after };
    const { sql, params } = this.filterSql(options.filter);
    const rows = this.statement(
      `all:${sql}`,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ?${sql} ORDER BY position LIMIT ?`,
      true,
    ).all(after, head, ...params, maxCount) as EventTuple[];
    const events = rows.map(toRecorded);
    const lastPosition = rows.length === maxCount ? rows[rows.length - 1]![0] : head;
    return { events, lastPosition };
  }

  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription {
    const subscription = pollingSubscription(
      {
        readAll: (o) => this.readAll(o),
        changeToken: () => this.notifier.generation,
        waitForChange: (signal, since) => this.notifier.wait(this.idlePollMs, signal, since),
      },
      options,
      handler,
    );
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async verifyStream(stream: string): Promise<StreamVerification> {
    const verifier = new ChainVerifier(stream);
    let from = 0;
    for (;;) {
      const page = this.readStreamRows(stream, { from, maxCount: VERIFY_PAGE }).map(toRecorded);
      if (!verifier.add(page)) return verifier.result();
      if (page.length < VERIFY_PAGE) break;
      from = page[page.length - 1]!.revision + 1;
    }
    const result = verifier.result();
    // The streams table remembers the head: a deleted tail shows up as a gap.
    const head = this.head(stream);
    if (head && (result.eventsChecked !== head.revision + 1 || result.lastHash !== head.hash)) {
      return { stream, ok: false, eventsChecked: result.eventsChecked, firstBrokenRevision: result.eventsChecked, problem: 'revision_gap' };
    }
    return result;
  }

  async headPosition(): Promise<number> {
    return this.headPositionSync();
  }

  async removeEvents(stream: string, fromRevision: number, throughRevision: number): Promise<number> {
    // Never the head: the streams table keeps it, and the largest position keeps positions growing.
    const head = this.head(stream);
    if (!head || throughRevision >= head.revision) throw new RangeError(`${stream}: only revisions before the head (${head?.revision ?? 'none'}) can be removed`);
    const removed = this.statement('rm', 'DELETE FROM events WHERE stream = ? AND revision >= ? AND revision <= ?').run(stream, fromRevision, throughRevision);
    return removed.changes;
  }

  async loadCheckpoint(name: string): Promise<number | undefined> {
    const row = this.statement('cp:get', 'SELECT position FROM checkpoints WHERE name = ?').get(name) as
      | { position: number }
      | undefined;
    return row?.position;
  }

  async storeCheckpoint(name: string, position: number): Promise<void> {
    this.statement(
      'cp:set',
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ).run(name, position, this.clock.now().toISOString());
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.notifier.close();
    if (this.db.open) this.db.close();
  }

  private appendInTransaction(stream: string, events: readonly NewEvent[], expected: AppendOptions['expectedRevision'] = 'any'): AppendResult {
    const head = this.head(stream);
    const actual = head ? head.revision : 'no_stream';
    try {
      assertExpectedRevision(stream, expected, actual);
    } catch (conflict) {
      // A repeat of an earlier append (same ids, same place) is a no-op, not a conflict.
      const replay = events[0]?.id !== undefined ? this.existingAppend(stream, events, expected) : undefined;
      if (replay) return replay;
      throw conflict;
    }
    const insert = this.statement(
      'ins',
      `INSERT INTO events (id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = this.clock.now().toISOString();
    // Recorded times never go backwards within a stream, whatever the clocks of the writers say.
    const recordedAt = head && head.recorded_at > now ? head.recorded_at : now;
    let prevHash = head?.hash ?? GENESIS_HASH;
    let revision = head ? head.revision : -1;
    let position = 0;
    for (const [index, event] of events.entries()) {
      revision += 1;
      const id = event.id ?? newId();
      const schemaVersion = event.schemaVersion ?? 1;
      // Stored as canonical JSON: valid JSON to read back, and exactly the bytes the hash covers.
      const dataJson = canonicalPayload(index, 'data', event.data);
      const metadataJson = canonicalPayload(index, 'metadata', event.metadata);
      const hash = sha256Hex(
        prevHash + canonicalHashedContent({ id, stream, revision, type: event.type, schemaVersion, recordedAt }, dataJson, metadataJson),
      );
      try {
        position = Number(
          insert.run(id, stream, revision, event.type, schemaVersion, dataJson, metadataJson, recordedAt, prevHash, hash).lastInsertRowid,
        );
      } catch (error) {
        // The ids are already recorded: with 'any' that may be a repeat of this very append.
        if (index === 0 && event.id !== undefined && isDuplicateId(error)) {
          const replay = this.existingAppend(stream, events, expected);
          if (replay) return replay;
        }
        throw this.explainInsertError(error, id);
      }
      prevHash = hash;
    }
    this.statement(
      'head:set',
      `INSERT INTO streams (stream, revision, hash, recorded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, recorded_at = excluded.recorded_at`,
    ).run(stream, revision, prevHash, recordedAt);
    return { nextExpectedRevision: revision, position, idempotent: false };
  }

  /** If this exact append was made before (same ids, same place), return its result. */
  private existingAppend(stream: string, events: readonly NewEvent[], expected: AppendOptions['expectedRevision'] = 'any'): AppendResult | undefined {
    const byId = this.statement('byId', 'SELECT stream, revision, position FROM events WHERE id = ?');
    const first = byId.get(events[0]!.id) as { stream: string; revision: number; position: number } | undefined;
    if (!first) return undefined;
    let last = first;
    for (const [index, event] of events.entries()) {
      const found = (index === 0 ? first : byId.get(event.id)) as typeof first | undefined;
      if (!found || found.stream !== stream || found.revision !== first.revision + index) {
        throw new DuplicateEventId(event.id ?? '', found?.stream ?? first.stream, found?.revision ?? first.revision);
      }
      last = found;
    }
    if (!expectationMetAt(expected, first.revision)) {
      throw new WrongExpectedRevision(stream, expected, this.head(stream)?.revision ?? 'no_stream');
    }
    return { nextExpectedRevision: last.revision, position: last.position, idempotent: true };
  }

  private explainInsertError(error: unknown, id: string): unknown {
    if (isDuplicateId(error)) {
      const found = this.statement('byId', 'SELECT stream, revision, position FROM events WHERE id = ?').get(id) as
        | { stream: string; revision: number }
        | undefined;
      return new DuplicateEventId(id, found?.stream ?? '?', found?.revision ?? -1);
    }
    return error;
  }

  private readStreamRows(stream: string, options: ReadStreamOptions): EventTuple[] {
    const backwards = options.direction === 'backwards';
    const asOf = options.asOf === undefined ? undefined : new Date(options.asOf).toISOString();
    const conditions = ['stream = ?'];
    const params: (string | number)[] = [stream];
    if (options.from !== undefined) {
      conditions.push(backwards ? 'revision <= ?' : 'revision >= ?');
      params.push(options.from);
    }
    if (asOf !== undefined) {
      conditions.push('recorded_at <= ?');
      params.push(asOf);
    }
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
    return this.statement(`rs:${sql}`, sql, true).all(...params, options.maxCount ?? -1) as EventTuple[];
  }

  private filterSql(filter?: EventFilter): { sql: string; params: (string | number)[] } {
    let sql = '';
    const params: (string | number)[] = [];
    if (filter?.eventTypes?.length) {
      sql += ` AND type IN (${filter.eventTypes.map(() => '?').join(', ')})`;
      params.push(...filter.eventTypes);
    }
    if (filter?.streamPrefixes?.length) {
      sql += ` AND (${filter.streamPrefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ')})`;
      for (const prefix of filter.streamPrefixes) params.push(prefix.length, prefix);
    }
    return { sql, params };
  }

  private head(stream: string): StreamHead | undefined {
    return this.statement('head', 'SELECT revision, hash, recorded_at FROM streams WHERE stream = ?').get(stream) as
      | StreamHead
      | undefined;
  }

  private headPositionSync(): number {
    const row = this.statement('headpos', 'SELECT max(position) AS p FROM events').get() as { p: number | null };
    return row.p ?? 0;
  }

  private statement(key: string, sql: string, asArrays = false): Database.Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (asArrays) statement.raw(true);
      this.statements.set(key, statement);
    }
    return statement;
  }
}
