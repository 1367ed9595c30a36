import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type {
  BatchHandler,
  BusMessage,
  ChangeSignal,
  ConsumeOptions,
  ConsumerHandle,
  MessageBus,
  OutgoingMessage,
  PartitionOffsets,
  PartitionPosition,
  RawMessage,
} from '@pledgebook/message-bus';
import { partitionFor, typeFilter } from '@pledgebook/message-bus';
import { ChangeNotifier, openDatabase } from '@pledgebook/sqlite';
import { backoffDelay, newId, sleep, systemClock, yieldToEventLoop, type Clock } from '@pledgebook/util';
import { GroupMembership, type OwnedPartition } from './group-membership';
import { BUS_SCHEMA, GROUP_SCHEMA, groupFileFor, type MessageRow } from './schema';

export interface SqliteMessageBusOptions {
  /** Partitions of a topic created by first use (default 4). */
  defaultPartitions?: number;
  /** A consumer that stops heartbeating loses its partitions after this long (default 10 s). */
  sessionTimeoutMs?: number;
  /** Heartbeat and fallback poll interval (default 1 s; file-change events wake consumers sooner). */
  heartbeatMs?: number;
  clock?: Clock;
}

/** After a change, empty reads are retried this often, for this long. */
const SETTLE_MS = 10;
const SETTLE_WINDOW_MS = 200;

function toMessage(row: MessageRow): BusMessage {
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    key: row.key,
    value: JSON.parse(row.value),
    headers: JSON.parse(row.headers),
  };
}

/** A row a consumer fetched: without its value when it is of a type the consumer passes over. */
type FetchedRow = Omit<MessageRow, 'value'> & { value: string | null };
const wanted = (row: FetchedRow): row is MessageRow => row.value !== null;

/** How much of the bus file readers map into memory (the OS keeps only what is used resident). */
const MMAP_BYTES = 256 * 1024 * 1024;

/**
 * A readRaw row, as an array (the statement's raw mode: no object with named keys per row, a
 * fifth less time for a page): partition, offset, the value's bytes, and the attributes
 * json_extract found (any JSON scalar, or null).
 */
type RawRow = [partition: number, offset: number, value: Buffer, id: unknown, type: unknown, time: unknown, bureauid: unknown];

/** An attribute as CloudEvents has it, a string; anything else counts as absent. */
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The embedded bus: any number of processes publish and consume through one SQLite file. */
export class SqliteMessageBus implements MessageBus {
  /** Publishes: synchronous=FULL, since the relay's checkpoint says "published" once this returns. */
  private readonly db: Database.Database;
  /** Consumer offsets and leases: synchronous=NORMAL; losing the last commits only means redelivery. */
  private readonly groupDb: Database.Database;
  private readonly notifier: ChangeNotifier;
  private readonly partitionCache = new Map<string, number>();
  private readonly consumers = new Set<ConsumerHandle>();
  private readonly defaultPartitions: number;
  private readonly sessionTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly clock: Clock;
  private readonly insert: Database.Statement;
  private readonly fetch: Database.Statement;
  private readonly fetchRaw: Database.Statement;
  private readonly partitionHeads: Database.Statement;
  private readonly firstOffset: Database.Statement;
  private readonly publishedAtOffset: Database.Statement;
  private readonly publishTx: (topic: string, messages: readonly OutgoingMessage[]) => void;

  constructor(readonly file: string, options: SqliteMessageBusOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 4;
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? 10_000;
    this.heartbeatMs = options.heartbeatMs ?? 1_000;
    this.clock = options.clock ?? systemClock;
    this.db = openDatabase(file);
    // Readers of whole pages (feeds, webhook delivery, consumers) read the file through memory
    // mapping instead of a read call per page (ADR 0091); writes still go through the WAL.
    this.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    this.db.transaction(() => this.db.exec(BUS_SCHEMA)).immediate();
    this.groupDb = openDatabase(groupFileFor(file), { synchronous: 'NORMAL' });
    this.groupDb.transaction(() => this.groupDb.exec(GROUP_SCHEMA)).immediate();
    this.notifier = new ChangeNotifier(file);
    this.insert = this.db.prepare(
      'INSERT INTO messages (topic, partition, offset, key, value, headers, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.fetch = this.db.prepare(
      'SELECT topic, partition, offset, key, value, headers FROM messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
    );
    // The stored JSON as its UTF-8 bytes: nothing decoded into a string that a reader would encode again.
    // The attributes that decide order and scope come from SQLite's own JSON parser, beside the bytes: the reader parses nothing.
    this.fetchRaw = this.db.prepare(
      `SELECT partition, offset, CAST(value AS BLOB) AS value, json_extract(value, '$.id') AS id, json_extract(value, '$.type') AS type,
              json_extract(value, '$.time') AS time, json_extract(value, '$.bureauid') AS bureauid
         FROM messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?`,
    ).raw(true);
    // offsets() runs for every read of a feed page or webhook batch and every high-mark poll: prepared once.
    this.partitionHeads = this.db.prepare('SELECT partition, next_offset AS high FROM partition_heads WHERE topic = ?');
    this.firstOffset = this.db.prepare('SELECT offset FROM messages WHERE topic = ? AND partition = ? ORDER BY offset LIMIT 1');
    this.publishedAtOffset = this.db.prepare('SELECT published_at FROM messages WHERE topic = ? AND partition = ? AND offset = ?');
    const tx = this.db.transaction((topic: string, messages: readonly OutgoingMessage[]) => this.publishInTransaction(topic, messages));
    this.publishTx = (topic, messages) => tx.immediate(topic, messages);
  }

  /** File events of the bus file, from this process's publishes and every other's. */
  get changes(): ChangeSignal {
    return this.notifier;
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.publishTx(topic, messages);
    this.notifier.notify();
  }

  async consume(options: ConsumeOptions, handler: BatchHandler): Promise<ConsumerHandle> {
    const types = typeFilter(options.types);
    for (const topic of options.topics) this.partitions(topic);
    const membership = new GroupMembership(this.groupDb, options.groupId, newId(), options.topics, (t) => this.partitions(t), {
      sessionTimeoutMs: this.sessionTimeoutMs,
    });
    const abort = new AbortController();
    const maxBatch = options.maxBatch ?? 100;
    const fetch = types ? this.typedFetch([...types]) : (topic: string, partition: number, from: number, limit: number): FetchedRow[] => this.fetch.all(topic, partition, from, limit) as MessageRow[];

    const loop = async () => {
      let owned: OwnedPartition[] = [];
      let lastHeartbeat = 0;
      let failures = 0;
      // A read or a handler that fails (for a read: a value the type filter cannot take as JSON) is retried with backoff; the loop goes on.
      const retry = async () => {
        failures += 1;
        await sleep(backoffDelay(failures, 100, 5_000), abort.signal);
        return false;
      };
      // A file event comes with the writer's first write, before its commit is visible: for a
      // short while after a change, an empty read is tried again soon rather than a heartbeat later.
      let changedAt = Number.NEGATIVE_INFINITY;
      while (!abort.signal.aborted) {
        const now = this.clock.now().getTime();
        if (now - lastHeartbeat >= this.heartbeatMs) {
          owned = membership.rebalance(now);
          lastHeartbeat = now;
        }
        const token = this.notifier.generation;
        let delivered = 0;
        for (const { topic, partition } of owned) {
          if (abort.signal.aborted) break;
          const from = membership.committedOffset(topic, partition);
          let rows: FetchedRow[];
          try {
            rows = fetch(topic, partition, from, maxBatch);
          } catch {
            await retry();
            continue;
          }
          if (rows.length === 0) continue;
          const ok = await this.deliver(membership, rows, handler, abort.signal).catch(retry);
          if (ok) {
            failures = 0;
            delivered += rows.length;
          }
        }
        if (delivered === 0) {
          const before = this.notifier.generation;
          await this.notifier.wait(performance.now() - changedAt < SETTLE_WINDOW_MS ? SETTLE_MS : this.heartbeatMs, abort.signal, token);
          if (this.notifier.generation !== before) changedAt = performance.now();
        } else {
          // A backlog is read round after round: the process's other work gets its turn in between.
          await yieldToEventLoop();
        }
      }
    };

    const done = loop().finally(() => {
      if (this.groupDb.open) membership.leave();
    });
    const handle: ConsumerHandle = {
      done,
      stop: async () => {
        abort.abort();
        await done.catch(() => undefined);
        this.consumers.delete(handle);
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  async lag(groupId: string, topic: string): Promise<number> {
    const heads = this.db.prepare('SELECT partition, next_offset AS head FROM partition_heads WHERE topic = ?').all(topic) as Array<{ partition: number; head: number }>;
    const committed = new Map(
      (this.groupDb.prepare('SELECT partition, next_offset AS next FROM group_offsets WHERE group_id = ? AND topic = ?').all(groupId, topic) as Array<{ partition: number; next: number }>).map(
        (row) => [row.partition, row.next],
      ),
    );
    return heads.reduce((sum, { partition, head }) => sum + Math.max(0, head - (committed.get(partition) ?? 0)), 0);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    this.groupDb.prepare('SELECT 1').get();
  }

  async browse(topic: string, options: { limit?: number } = {}): Promise<BusMessage[]> {
    const rows = this.db
      .prepare(
        'SELECT topic, partition, offset, key, value, headers FROM messages WHERE topic = ? ORDER BY published_at, partition, offset LIMIT ?',
      )
      .all(topic, options.limit ?? 10_000) as MessageRow[];
    return rows.map(toMessage);
  }

  async read(topic: string, from: readonly PartitionPosition[], options: { limit?: number } = {}): Promise<BusMessage[]> {
    const limit = options.limit ?? 100;
    return from.flatMap(({ partition, offset }) => (this.fetch.all(topic, partition, offset, limit) as MessageRow[]).map(toMessage));
  }

  async readRaw(topic: string, from: readonly PartitionPosition[], options: { limit?: number } = {}): Promise<RawMessage[]> {
    const limit = options.limit ?? 100;
    return from.flatMap(({ partition, offset }) =>
      (this.fetchRaw.all(topic, partition, offset, limit) as RawRow[]).map(([partition, offset, value, id, type, time, bureauid]) => ({
        partition,
        offset,
        value,
        attributes: { id: text(id), type: text(type), time: text(time), bureauid: text(bureauid) },
      })),
    );
  }

  async offsets(topic: string, options: { at?: Date } = {}): Promise<PartitionOffsets[]> {
    const count = this.partitions(topic);
    const heads = new Map((this.partitionHeads.all(topic) as Array<{ partition: number; high: number }>).map((r) => [r.partition, r.high]));
    return Array.from({ length: count }, (_, partition) => {
      const high = heads.get(partition) ?? 0;
      const low = (this.firstOffset.get(topic, partition) as { offset: number } | undefined)?.offset ?? high;
      if (!options.at) return { partition, low, high };
      // Offsets are given in publishing order under the write lock, so published_at rises with them: a binary search.
      const at = options.at.toISOString();
      let [lo, hi] = [low, high];
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const row = this.publishedAtOffset.get(topic, partition, mid) as { published_at: string } | undefined;
        if (row && row.published_at < at) lo = mid + 1;
        else hi = mid;
      }
      return { partition, low, high, at: lo };
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.notifier.close();
    if (this.groupDb.open) this.groupDb.close();
    if (this.db.open) this.db.close();
  }

  /**
   * Reads rows of the wanted types only: the type comes from SQLite's JSON parser, and a row of
   * another type comes back without its value (nothing of it decoded in JavaScript), to be passed
   * over but committed with the batch. A column for the type, written with each message, made
   * the filter about a third cheaper but publishing about a tenth slower (ADR 0092): not kept.
   */
  private typedFetch(types: readonly string[]): (topic: string, partition: number, from: number, limit: number) => FetchedRow[] {
    const statement = this.db.prepare(
      `SELECT topic, partition, offset, key, CASE WHEN json_extract(value, '$.type') IN (SELECT value FROM json_each(?)) THEN value END AS value, headers
         FROM messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?`,
    );
    const list = JSON.stringify(types);
    return (topic, partition, from, limit) => statement.all(list, topic, partition, from, limit) as FetchedRow[];
  }

  /** Runs the handler on the rows' wanted messages with the lease renewed meanwhile; commits after it succeeds (at once when none is wanted). */
  private async deliver(membership: GroupMembership, rows: FetchedRow[], handler: BatchHandler, signal: AbortSignal): Promise<boolean> {
    const last = rows[rows.length - 1]!;
    const batch = rows.filter(wanted).map(toMessage);
    if (batch.length === 0) return membership.commit(last.topic, last.partition, last.offset + 1, this.clock.now().getTime());
    const first = batch[0]!;
    const heartbeat = setInterval(() => membership.renew(first.topic, first.partition, this.clock.now().getTime()), this.heartbeatMs);
    try {
      await handler(batch);
    } finally {
      clearInterval(heartbeat);
    }
    if (signal.aborted && !this.groupDb.open) return false;
    return membership.commit(last.topic, last.partition, last.offset + 1, this.clock.now().getTime());
  }

  private partitions(topic: string): number {
    let count = this.partitionCache.get(topic);
    if (count === undefined) {
      this.db.prepare('INSERT INTO topics (name, partitions) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(topic, this.defaultPartitions);
      count = (this.db.prepare('SELECT partitions FROM topics WHERE name = ?').get(topic) as { partitions: number }).partitions;
      this.partitionCache.set(topic, count);
    }
    return count;
  }

  private publishInTransaction(topic: string, messages: readonly OutgoingMessage[]): void {
    const partitions = this.partitions(topic);
    const next = new Map<number, number>();
    const head = this.db.prepare('SELECT next_offset FROM partition_heads WHERE topic = ? AND partition = ?');
    const publishedAt = this.clock.now().toISOString();
    for (const message of messages) {
      const partition = partitionFor(message.key, partitions);
      let offset = next.get(partition);
      if (offset === undefined) offset = (head.get(topic, partition) as { next_offset: number } | undefined)?.next_offset ?? 0;
      this.insert.run(topic, partition, offset, message.key, JSON.stringify(message.value), JSON.stringify(message.headers ?? {}), publishedAt);
      next.set(partition, offset + 1);
    }
    const setHead = this.db.prepare(
      `INSERT INTO partition_heads (topic, partition, next_offset) VALUES (?, ?, ?)
       ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
    );
    for (const [partition, offset] of next) setHead.run(topic, partition, offset);
  }
}
