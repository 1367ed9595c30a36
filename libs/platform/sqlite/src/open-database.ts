import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OpenOptions {
  /** How long a writer waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /**
   * FULL (default): every commit is on disk when it returns. NORMAL: commits survive a crash of
   * the process but the last ones may be lost on power failure — only for state that is safe to
   * lose, such as consumer offsets under at-least-once delivery.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens a SQLite file for durable multi-process use: WAL (readers never block the writer),
 * synchronous=FULL unless told otherwise (an acknowledged commit survives power loss), and a
 * busy timeout so writers in other processes queue instead of failing.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000 });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  return db;
}
