import type Database from 'better-sqlite3';

/**
 * Serialises async transactions on one connection. better-sqlite3 transactions are
 * synchronous; this lets an async callback (shared with the MongoDB adapter's interface) run
 * inside BEGIN IMMEDIATE … COMMIT without another caller's statements slipping in between.
 */
export class AsyncTransactionQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly synchronous: number;

  constructor(private readonly db: Database.Database) {
    this.synchronous = db.pragma('synchronous', { simple: true }) as number;
  }

  /**
   * `relaxed`: commit without waiting for the disk flush (WAL, synchronous=NORMAL): the commit
   * survives a crash of the process but not of the machine. For writes that can be rebuilt.
   */
  run<T>(fn: () => Promise<T> | T, options: { relaxed?: boolean } = {}): Promise<T> {
    const next = this.tail.then(async () => {
      if (options.relaxed) this.db.pragma('synchronous = NORMAL');
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        if (options.relaxed) this.db.pragma(`synchronous = ${this.synchronous}`);
      }
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}
