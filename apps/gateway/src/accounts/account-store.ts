import type Database from 'better-sqlite3';
import { openDatabase } from '@pledgebook/sqlite';
import type { ThrottleState } from '@pledgebook/gateway-identity';
import { join } from 'node:path';

export interface Account {
  username: string;
  passwordHash: string;
  memberId: string;
  bureauId: string;
  roles: string[];
  disabled: boolean;
  /** Set for an account made or reset with an initial password: its tokens may only change the password. */
  mustChangePassword: boolean;
  throttle: ThrottleState;
  createdAt: string;
}

/** What the accounts list shows (never the hash or the throttle). */
export type AccountSummary = Pick<Account, 'username' | 'memberId' | 'bureauId' | 'roles' | 'disabled' | 'mustChangePassword' | 'createdAt'>;

interface Row {
  username: string;
  password_hash: string;
  member_id: string;
  bureau_id: string;
  roles: string;
  disabled: number;
  must_change_password: number;
  failures: number;
  locked_until: string | null;
  created_at: string;
}

const toAccount = (r: Row): Account => ({
  username: r.username,
  passwordHash: r.password_hash,
  memberId: r.member_id,
  bureauId: r.bureau_id,
  roles: JSON.parse(r.roles) as string[],
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change_password === 1,
  throttle: { failures: r.failures, ...(r.locked_until ? { lockedUntil: r.locked_until } : {}) },
  createdAt: r.created_at,
});

/** The gateway's local accounts (embedded profile): one SQLite file of its own. */
export class AccountStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openDatabase(join(dataDir, 'gateway.db'));
    this.db.exec(`CREATE TABLE IF NOT EXISTS accounts (
      username      TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      member_id     TEXT NOT NULL,
      bureau_id     TEXT NOT NULL,
      roles         TEXT NOT NULL,
      disabled      INTEGER NOT NULL DEFAULT 0,
      failures      INTEGER NOT NULL DEFAULT 0,
      locked_until  TEXT,
      created_at    TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS access_denials (
      id     TEXT PRIMARY KEY,
      at     TEXT NOT NULL,
      entry  TEXT NOT NULL
    ) WITHOUT ROWID`);
    // Added after the first release: gateway.db files made before it gain the column on start.
    const columns = (this.db.prepare('PRAGMA table_info(accounts)').all() as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('must_change_password')) this.db.exec('ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0');
  }

  ping(): void {
    this.db.prepare('SELECT 1').get();
  }

  /** Keeps an access denial (who, what, when, why) as an audit record. */
  recordDenial(denial: { _id: string; at: string }): void {
    this.db.prepare('INSERT OR IGNORE INTO access_denials (id, at, entry) VALUES (?, ?, ?)').run(denial._id, denial.at, JSON.stringify(denial));
  }

  denials(limit = 100): Array<Record<string, unknown>> {
    return (this.db.prepare('SELECT entry FROM access_denials ORDER BY at DESC, id DESC LIMIT ?').all(limit) as Array<{ entry: string }>).map((r) => JSON.parse(r.entry) as Record<string, unknown>);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  }

  find(username: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as Row | undefined;
    return row ? toAccount(row) : undefined;
  }

  /** Whether an enabled account of `bureauId` signs in as `memberId` (its tokens' subject) with the subscriber role. */
  isSubscriber(owner: { bureauId: string; subscriberId: string }): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 FROM accounts WHERE member_id = ? AND bureau_id = ? AND disabled = 0
            AND EXISTS (SELECT 1 FROM json_each(accounts.roles) WHERE value = 'subscriber') LIMIT 1`,
      )
      .get(owner.subscriberId, owner.bureauId);
    return row !== undefined;
  }

  /** False when the username is taken. */
  create(account: Omit<Account, 'disabled' | 'throttle' | 'mustChangePassword'> & { mustChangePassword?: boolean }): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO accounts (username, password_hash, member_id, bureau_id, roles, created_at, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(account.username, account.passwordHash, account.memberId, account.bureauId, JSON.stringify(account.roles), account.createdAt, account.mustChangePassword ? 1 : 0);
    return result.changes === 1;
  }

  /** Creates every account or none (a taken username among them: none, and the taken names). */
  createAll(accounts: Array<Parameters<AccountStore['create']>[0]>): { taken: string[] } {
    const run = this.db.transaction(() => {
      const taken = accounts.filter((a) => !this.create(a)).map((a) => a.username);
      if (taken.length > 0) throw new TakenUsernames(taken);
    });
    try {
      run();
      return { taken: [] };
    } catch (error) {
      if (error instanceof TakenUsernames) return { taken: error.usernames };
      throw error;
    }
  }

  /** A bureau's accounts (all bureaus' when `bureauId` is undefined), by username, after `afterUsername`. */
  list(bureauId: string | undefined, limit: number, afterUsername?: string): AccountSummary[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM accounts WHERE (@bureau IS NULL OR bureau_id = @bureau) AND (@after IS NULL OR username > @after)
         ORDER BY username LIMIT @limit`,
      )
      .all({ bureau: bureauId ?? null, after: afterUsername ?? null, limit }) as Row[];
    return rows.map(toAccount).map(({ passwordHash: _h, throttle: _t, ...summary }) => summary);
  }

  /** A new password; `mustChange` when an admin set it (the owner must choose their own at next login). Clears a lock. */
  setPassword(username: string, passwordHash: string, mustChange: boolean): void {
    this.db
      .prepare('UPDATE accounts SET password_hash = ?, must_change_password = ?, failures = 0, locked_until = NULL WHERE username = ?')
      .run(passwordHash, mustChange ? 1 : 0, username);
  }

  /**
   * Counts a failed login atomically (concurrent attempts each count) and locks the account
   * until `lockUntil` once the count reaches `lockAfter`. Returns the new count.
   */
  recordFailure(username: string, lockAfter: number, lockUntil: string): number {
    const row = this.db
      .prepare(
        `UPDATE accounts SET failures = failures + 1,
           locked_until = CASE WHEN failures + 1 >= ? THEN ? ELSE locked_until END
         WHERE username = ? RETURNING failures`,
      )
      .get(lockAfter, lockUntil, username) as { failures: number } | undefined;
    return row?.failures ?? 0;
  }

  setThrottle(username: string, throttle: ThrottleState): void {
    this.db.prepare('UPDATE accounts SET failures = ?, locked_until = ? WHERE username = ?').run(throttle.failures, throttle.lockedUntil ?? null, username);
  }

  enable(username: string): void {
    this.db.prepare('UPDATE accounts SET disabled = 0 WHERE username = ?').run(username);
  }

  disable(username: string): void {
    this.db.prepare('UPDATE accounts SET disabled = 1 WHERE username = ?').run(username);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

class TakenUsernames extends Error {
  constructor(readonly usernames: string[]) {
    super(`taken: ${usernames.join(', ')}`);
  }
}
