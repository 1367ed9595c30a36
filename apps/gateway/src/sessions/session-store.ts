import type Database from 'better-sqlite3';
import { openDatabase } from '@pledgebook/sqlite';
import { join } from 'node:path';

export interface StoredSession {
  sessionId: string;
  username: string;
  /** SHA-256 of the refresh secret now valid (rotated at every refresh). */
  secretHash: string;
  createdAt: string;
  expiresAt: string;
  refreshedAt: string | null;
  revokedAt: string | null;
  revokedWhy: string | null;
}

interface Row {
  session_id: string;
  username: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
  refreshed_at: string | null;
  revoked_at: string | null;
  revoked_why: string | null;
}

const toSession = (r: Row): StoredSession => ({
  sessionId: r.session_id,
  username: r.username,
  secretHash: r.secret_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  refreshedAt: r.refreshed_at,
  revokedAt: r.revoked_at,
  revokedWhy: r.revoked_why,
});

/** Sign-in sessions (gateway.db, beside the accounts): what a refresh token stands for, until it expires or is revoked. */
export class SessionStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openDatabase(join(dataDir, 'gateway.db'));
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      session_id   TEXT PRIMARY KEY,
      username     TEXT NOT NULL,
      secret_hash  TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      expires_at   TEXT NOT NULL,
      refreshed_at TEXT,
      revoked_at   TEXT,
      revoked_why  TEXT
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS sessions_by_username ON sessions (username)`);
  }

  open(session: Pick<StoredSession, 'sessionId' | 'username' | 'secretHash' | 'createdAt' | 'expiresAt'>): void {
    this.db
      .prepare('INSERT INTO sessions (session_id, username, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(session.sessionId, session.username, session.secretHash, session.createdAt, session.expiresAt);
  }

  find(sessionId: string): StoredSession | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE session_id = ?').get(sessionId) as Row | undefined;
    return row ? toSession(row) : undefined;
  }

  /** Swaps the refresh secret only if `expectedHash` is still the current one (two refreshes with one token: one wins). */
  rotate(sessionId: string, expectedHash: string, nextHash: string, at: string): boolean {
    return (
      this.db
        .prepare('UPDATE sessions SET secret_hash = ?, refreshed_at = ? WHERE session_id = ? AND secret_hash = ? AND revoked_at IS NULL')
        .run(nextHash, at, sessionId, expectedHash).changes === 1
    );
  }

  revoke(sessionId: string, why: string, at: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ?, revoked_why = ? WHERE session_id = ? AND revoked_at IS NULL').run(at, why, sessionId);
  }

  /** Every open session of an account (password changed or reset, account disabled). */
  revokeAll(username: string, why: string, at: string): number {
    return this.db.prepare('UPDATE sessions SET revoked_at = ?, revoked_why = ? WHERE username = ? AND revoked_at IS NULL').run(at, why, username).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
