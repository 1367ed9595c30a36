import { documentKinds, FieldKinds, Kind, TRACKED } from './field-kinds';
import type { KeyTable } from './filter-sql';
import { indexName, jsonPath } from './schema';
import type { Statements } from './statements';
import { bare, declaredIndexes, keyRowsSelect, keyTablesOf, storedKinds, type IndexDef, type TableRef } from './table-catalog';

/** Below this many rows the planner's choice hardly matters; statistics are first gathered here. */
export const MIN_ROWS_FOR_STATISTICS = 100;

/**
 * The writer's side of one generation's table: creates it with its indexes, records the kinds
 * every write brings (see field-kinds.ts), keeps the key tables of array indexes in step, and
 * refreshes the planner's statistics (`ANALYZE`) each time the table may have doubled.
 */
export class TableWriter {
  private kinds = new Map<string, number>();
  private indexes: IndexDef[] = [];
  private keyTables: KeyTable[] = [];
  /** Which fields of each key table's index were arrays when it was filled. */
  private readonly shapes = new Map<string, string>();
  private dotted: string[] = [];
  private writes = 0;
  private analyzedRows = 0;

  constructor(
    private readonly s: Statements,
    readonly ref: TableRef,
  ) {
    const existed = this.s.get(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(bare(ref.table)) !== undefined;
    this.s.db.exec(`CREATE TABLE IF NOT EXISTS ${ref.table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, revs TEXT NOT NULL DEFAULT '{}') WITHOUT ROWID`);
    this.kinds = storedKinds(s, ref.table);
    this.indexes = declaredIndexes(s, ref.name);
    this.dotted = [...new Set(this.indexes.flatMap((i) => i.fields).filter((f) => f.includes('.')))];
    // A table written before kinds were recorded, or a dotted path declared after rows exist: learn them once.
    const unknown = this.kinds.has(TRACKED) ? this.dotted.filter((f) => !this.kinds.has(f)) : [...this.dotted];
    if (existed && (!this.kinds.has(TRACKED) || unknown.length > 0)) this.learnFromRows(!this.kinds.has(TRACKED), unknown);
    this.record(TRACKED, 0);
    for (const path of this.dotted) this.record(path, 0);
    for (const index of this.indexes) {
      const expressions = index.fields.map((f) => `json_extract(doc, ${jsonPath(f)})`).join(', ');
      this.s.db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${indexName(ref.name, ref.generation, index.fields)} ON ${ref.table} (${expressions})`);
    }
    this.refreshKeyTables();
    this.analyzedRows = this.statisticsRows();
    if (this.analyzedRows === 0 && this.rowsUpTo(MIN_ROWS_FOR_STATISTICS) >= MIN_ROWS_FOR_STATISTICS) this.analyze();
  }

  /** After a document is written (`json` is what was stored). */
  written(doc: Record<string, unknown>, json: string): void {
    let arrays = false;
    for (const [field, bits] of documentKinds(doc, this.dotted)) {
      const before = this.kinds.get(field) ?? 0;
      if ((before | bits) === before) continue;
      arrays ||= (bits & ~before & Kind.ARRAY) !== 0;
      this.record(field, bits);
    }
    if (arrays) this.refreshKeyTables();
    for (const key of this.keyTables) {
      this.s.get(`DELETE FROM ${key.table} WHERE id = ?`).run(doc._id);
      this.s.get(`INSERT OR IGNORE INTO ${key.table} ${keyRowsSelect(key.fields, this.fieldKinds(), '(SELECT ? AS id, ? AS doc)')}`).run(doc._id, json);
    }
    this.writes += 1;
  }

  deleted(id: string): void {
    for (const key of this.keyTables) this.s.get(`DELETE FROM ${key.table} WHERE id = ?`).run(id);
    this.writes += 1;
  }

  /** Called before each commit: `ANALYZE` once the table may have doubled since it was last analysed. */
  analyzeIfGrown(): void {
    if (this.writes >= Math.max(MIN_ROWS_FOR_STATISTICS, this.analyzedRows)) this.analyze();
  }

  analyze(): void {
    this.s.db.exec(`ANALYZE ${this.ref.table}`);
    for (const key of this.keyTables) this.s.db.exec(`ANALYZE ${key.table}`);
    this.analyzedRows = this.statisticsRows();
    this.writes = 0;
  }

  /** Key tables the table has, for dropping a generation. */
  get keyTableNames(): string[] {
    return this.keyTables.map((k) => k.table);
  }

  private fieldKinds(): FieldKinds {
    return new FieldKinds(this.kinds);
  }

  private record(field: string, bits: number): void {
    const before = this.kinds.get(field);
    if (before !== undefined && (before | bits) === before) return;
    this.kinds.set(field, (before ?? 0) | bits);
    this.s
      .get('INSERT INTO _kinds (tbl, field, kinds) VALUES (?, ?, ?) ON CONFLICT (tbl, field) DO UPDATE SET kinds = kinds | excluded.kinds')
      .run(bare(this.ref.table), field, bits);
  }

  private learnFromRows(everyField: boolean, paths: string[]): void {
    const learnt = new Map<string, number>();
    for (const row of this.s.get(`SELECT doc FROM ${this.ref.table}`).iterate() as IterableIterator<{ doc: string }>) {
      for (const [field, bits] of documentKinds(JSON.parse(row.doc) as Record<string, unknown>, paths)) {
        if (everyField || paths.includes(field)) learnt.set(field, (learnt.get(field) ?? 0) | bits);
      }
    }
    for (const [field, bits] of learnt) this.record(field, bits);
  }

  /**
   * Creates and fills the key table of every index that has come to hold arrays, and refills one
   * whose index has gained another array field. A key table found on disk was kept in step by the
   * same transactions that recorded the kinds, so it is used as it is.
   */
  private refreshKeyTables(): void {
    const kinds = this.fieldKinds();
    const wanted = keyTablesOf(this.ref, this.indexes, kinds);
    for (const key of wanted) {
      const shape = key.fields.map((f) => (kinds.of(f) ?? 0) & Kind.ARRAY).join(',');
      const known = this.shapes.get(key.table);
      this.shapes.set(key.table, shape);
      if (known === shape) continue;
      if (known === undefined && this.s.get(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(bare(key.table)) !== undefined) continue;
      const columns = key.fields.map((_f, i) => `k${i}`);
      this.s.db.exec(`DROP TABLE IF EXISTS ${key.table}`);
      this.s.db.exec(`CREATE TABLE ${key.table} (${columns.join(', ')}, id TEXT NOT NULL, PRIMARY KEY (${columns.join(', ')}, id)) WITHOUT ROWID`);
      this.s.db.exec(`CREATE INDEX "${bare(key.table)}__id" ON ${key.table} (id)`);
      this.s.db.exec(`INSERT OR IGNORE INTO ${key.table} ${keyRowsSelect(key.fields, kinds, this.ref.table)}`);
      if (this.analyzedRows > 0) this.s.db.exec(`ANALYZE ${key.table}`);
    }
    this.keyTables = wanted;
  }

  private statisticsRows(): number {
    if (this.s.get(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get() === undefined) return 0;
    const rows = this.s.get('SELECT stat FROM sqlite_stat1 WHERE tbl = ?').all(bare(this.ref.table)) as { stat: string | null }[];
    return Math.max(0, ...rows.map((r) => Number.parseInt(r.stat ?? '0', 10) || 0));
  }

  private rowsUpTo(limit: number): number {
    return (this.s.get(`SELECT count(*) AS n FROM (SELECT 1 FROM ${this.ref.table} LIMIT ?)`).get(limit) as { n: number }).n;
  }
}
