import type { ThrottlerStorage } from '@nestjs/throttler';
import { openDatabase } from '@pledgebook/sqlite';
import type Database from 'better-sqlite3';
import { join } from 'node:path';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Row {
  hits: number;
  expires_at: number;
  blocked_until: number;
}

/**
 * The login rate limit's counters in gateway.db, so every gateway process on the data directory
 * counts a client's attempts together (the in-memory storage would give each process its own
 * allowance). A fixed window per client and throttler: `ttl` ms from the first hit; past `limit`
 * hits the client is blocked for `blockDuration` ms. Each count is one IMMEDIATE transaction.
 */
export class SqliteThrottlerStorage implements ThrottlerStorage {
  private readonly db: Database.Database;
  private readonly incrementOnce: (key: string, name: string, ttl: number, limit: number, blockDuration: number) => ThrottlerStorageRecord;
  private calls = 0;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openDatabase(join(dataDir, 'gateway.db'));
    this.db.exec(`CREATE TABLE IF NOT EXISTS login_throttle (
      key           TEXT NOT NULL,
      name          TEXT NOT NULL,
      hits          INTEGER NOT NULL,
      expires_at    INTEGER NOT NULL,
      blocked_until INTEGER NOT NULL,
      PRIMARY KEY (key, name)
    ) WITHOUT ROWID`);
    const select = this.db.prepare<[string, string], Row>('SELECT hits, expires_at, blocked_until FROM login_throttle WHERE key = ? AND name = ?');
    const upsert = this.db.prepare('INSERT OR REPLACE INTO login_throttle (key, name, hits, expires_at, blocked_until) VALUES (?, ?, ?, ?, ?)');
    const sweep = this.db.prepare('DELETE FROM login_throttle WHERE expires_at <= ? AND blocked_until <= ?');
    const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));
    const run = this.db.transaction((key: string, name: string, ttl: number, limit: number, blockDuration: number): ThrottlerStorageRecord => {
      const now = this.now();
      // Now and then forget windows that are over, so the table holds only live clients.
      if (++this.calls % 200 === 0) sweep.run(now, now);
      const row = select.get(key, name);
      if (row && row.blocked_until > now) {
        return { totalHits: row.hits, timeToExpire: seconds(row.expires_at - now), isBlocked: true, timeToBlockExpire: seconds(row.blocked_until - now) };
      }
      const fresh = !row || row.expires_at <= now;
      const hits = fresh ? 1 : row.hits + 1;
      const expiresAt = fresh ? now + ttl : row.expires_at;
      const blockedUntil = hits > limit ? now + blockDuration : 0;
      upsert.run(key, name, hits, expiresAt, blockedUntil);
      return { totalHits: hits, timeToExpire: seconds(expiresAt - now), isBlocked: blockedUntil > 0, timeToBlockExpire: seconds(blockedUntil - now) };
    });
    this.incrementOnce = (...args) => run.immediate(...args);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return this.incrementOnce(key, throttlerName, ttl, limit, blockDuration);
  }

  close(): void {
    this.db.close();
  }
}
