import type Database from 'better-sqlite3';

const LIMIT = 500;

/** Prepared statements of one connection, by SQL text: a query shape is compiled once, not per call. */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      if (this.cache.size >= LIMIT) this.cache.clear();
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /** After tables are dropped: statements naming them would fail. */
  clear(): void {
    this.cache.clear();
  }
}
