import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NewEvent } from '@pledgebook/event-store';

/**
 * The baseline: better-sqlite3 on its own with the event store's pragmas (WAL,
 * synchronous=FULL) and the same columns and unique indexes — no hashing, no checks.
 */
export class RawSqlite {
  readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private revision = new Map<string, number>();

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL,
      type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream, revision))`);
    this.insert = this.db.prepare(
      `INSERT INTO events (id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, '', '')`,
    );
  }

  /** One durable transaction holding these rows. */
  append(stream: string, events: readonly NewEvent[]): void {
    this.db.exec('BEGIN IMMEDIATE');
    let revision = this.revision.get(stream) ?? -1;
    const now = new Date().toISOString();
    for (const e of events) {
      revision += 1;
      this.insert.run(e.id, stream, revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), now);
    }
    this.db.exec('COMMIT');
    this.revision.set(stream, revision);
  }

  close(): void {
    this.db.close();
  }
}

/** Raw read of rows as the baseline for reads: SELECT + JSON.parse of data and metadata. */
export function rawReadRows(db: Database.Database, sql: string, ...params: unknown[]): number {
  const rows = db.prepare(sql).all(...params) as { data: string; metadata: string }[];
  let n = 0;
  for (const row of rows) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    n += 1;
  }
  return n;
}
