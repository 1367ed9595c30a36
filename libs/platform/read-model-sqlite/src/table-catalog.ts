import { FieldKinds, Kind } from './field-kinds';
import type { FilterCatalog, KeyTable } from './filter-sql';
import { jsonPath, keyTableName } from './schema';
import type { Statements } from './statements';

export interface IndexDef {
  fields: string[];
  unique: boolean;
}

export interface TableRef {
  /** Collection name, as declared. */
  name: string;
  generation: number;
  /** Quoted physical table name. */
  table: string;
}

export const bare = (quoted: string) => quoted.slice(1, -1);

export function declaredIndexes(statements: Statements, name: string): IndexDef[] {
  const rows = statements.get('SELECT fields, uniq FROM _indexes WHERE name = ? ORDER BY fields').all(name) as { fields: string; uniq: number }[];
  return rows.map((r) => ({ fields: r.fields.split(','), unique: r.uniq === 1 }));
}

export function storedKinds(statements: Statements, table: string): Map<string, number> {
  const rows = statements.get('SELECT field, kinds FROM _kinds WHERE tbl = ?').all(bare(table)) as { field: string; kinds: number }[];
  return new Map(rows.map((r) => [r.field, r.kinds]));
}

/**
 * Indexes over an array field get a key table: a row per element, `(k0 … kn-1, id)`. An index
 * with a field `json_extract` cannot reach (an array on the path) gets none and is not used for it.
 */
export function keyTablesOf(ref: TableRef, indexes: readonly IndexDef[], kinds: FieldKinds): KeyTable[] {
  return indexes
    .filter((index) => {
      const bits = index.fields.map((f) => kinds.of(f) ?? 0);
      return bits.some((b) => b & Kind.ARRAY) && bits.every((b) => (b & Kind.PATH_ARRAY) === 0);
    })
    .map((index) => ({ table: keyTableName(ref.name, ref.generation, index.fields), fields: index.fields }));
}

/** What a reader needs to turn filters into SQL for one table, read in the reader's snapshot. */
export function readCatalog(statements: Statements, ref: TableRef): FilterCatalog {
  const kinds = new FieldKinds(storedKinds(statements, ref.table));
  return { kinds, keyTables: keyTablesOf(ref, declaredIndexes(statements, ref.name), kinds) };
}

/**
 * The rows of a key table for documents from `source` (`t` with columns `id`, `doc`): scalar
 * elements of the array fields, crossed with the other fields' values. Nulls are left out: a
 * lookup is only ever for a string or a number.
 */
export function keyRowsSelect(fields: readonly string[], kinds: FieldKinds, source: string): string {
  const joins: string[] = [];
  const scalars: string[] = [];
  const values = fields.map((field, i) => {
    if (((kinds.of(field) ?? 0) & Kind.ARRAY) === 0) {
      scalars.push(`json_extract(t.doc, ${jsonPath(field)}) IS NOT NULL`);
      return `json_extract(t.doc, ${jsonPath(field)})`;
    }
    joins.push(`, json_each(t.doc, ${jsonPath(field)}) AS j${i}`);
    scalars.push(`j${i}.type NOT IN ('object', 'array', 'null')`);
    return `j${i}.value`;
  });
  return `SELECT ${values.join(', ')}, t.id FROM ${source} AS t${joins.join('')}${scalars.length ? ` WHERE ${scalars.join(' AND ')}` : ''}`;
}
