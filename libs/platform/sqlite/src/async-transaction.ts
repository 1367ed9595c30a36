import type Database from 'better-sqlite3';

/**
 * Serialises async transactions on one connection. better-sqlite3 transactions are
 * synchronous; this lets an async callback (shared with the MongoDB adapter's interface) run
 * inside BEGIN IMMEDIATE … COMMIT without another caller's statements slipping in between.
 */
export class AsyncTransactionQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database.Database) {}

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}
