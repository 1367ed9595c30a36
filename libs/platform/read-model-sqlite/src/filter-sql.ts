import type { Filter } from '@pledgebook/read-model';
import { Kind, type FieldKinds } from './field-kinds';
import { jsonPath } from './schema';

export type SqlValue = string | number;

/**
 * A SQL condition a document must meet to match a filter. `sql` empty means "every row".
 * Not `exact`: rows meeting it may still fail the filter, so mingo checks each one.
 */
export interface Condition {
  sql: string;
  params: SqlValue[];
  exact: boolean;
  /** Equality (or `$in`) on one field: what a key table of an index can look up. */
  match?: { field: string; values: SqlValue[]; multikey: boolean };
}

/** A side table of one index holding a row per array element (see ADR 0028). */
export interface KeyTable {
  table: string;
  fields: readonly string[];
}

export interface FilterCatalog {
  kinds: FieldKinds;
  keyTables: readonly KeyTable[];
}

const ALL: Condition = { sql: '', params: [], exact: true };
const UNKNOWN: Condition = { sql: '', params: [], exact: false };
const NONE: Condition = { sql: '0', params: [], exact: true };
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** `_id`, or a plain dotted path SQL can name. */
export const isFieldPath = (field: string): boolean => field === '_id' || FIELD.test(field);

export const fieldExpression = (field: string): string => (field === '_id' ? 'id' : `json_extract(doc, ${jsonPath(field)})`);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function placeholders(n: number): string {
  return n === 1 ? '= ?' : `IN (${Array.from({ length: n }, () => '?').join(', ')})`;
}

function and(parts: Condition[]): Condition {
  if (parts.some((p) => p.sql === '0' && p.exact)) return NONE;
  const some = parts.filter((p) => p.sql !== '');
  return {
    sql: some.length === 1 ? some[0]!.sql : some.map((p) => `(${p.sql})`).join(' AND '),
    params: some.flatMap((p) => p.params),
    exact: parts.every((p) => p.exact),
  };
}

function or(parts: Condition[]): Condition {
  if (parts.length === 0) return UNKNOWN;
  if (parts.some((p) => p.sql === '' && p.exact)) return ALL;
  if (parts.some((p) => p.sql === '')) return UNKNOWN;
  return { sql: parts.map((p) => `(${p.sql})`).join(' OR '), params: parts.flatMap((p) => p.params), exact: parts.every((p) => p.exact) };
}

/** `field` is one of `values`: by the expression index, or among an array's elements. */
function oneOf(field: string, values: unknown[], catalog: FilterCatalog): Condition {
  if (values.length === 0) return NONE;
  const strings = values.every((v) => typeof v === 'string');
  const scalars = values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  if (field === '_id') return strings ? { sql: `id ${placeholders(values.length)}`, params: values as string[], exact: true } : UNKNOWN;
  if (!scalars || !FIELD.test(field)) return UNKNOWN;
  const bits = catalog.kinds.of(field);
  if (bits === undefined || bits & Kind.PATH_ARRAY) return UNKNOWN;
  // A boolean is `1`/`0` to json_extract and an object is its JSON text: such rows may match in SQL only.
  const exact = (bits & (Kind.BOOLEAN | Kind.OBJECT)) === 0;
  const params = values as SqlValue[];
  const multikey = (bits & Kind.ARRAY) !== 0;
  const sql = multikey
    ? `EXISTS (SELECT 1 FROM json_each(doc, ${jsonPath(field)}) WHERE value ${placeholders(params.length)})`
    : `${fieldExpression(field)} ${placeholders(params.length)}`;
  return { sql, params, exact, match: { field, values: params, multikey } };
}

function fieldConditions(field: string, value: unknown, catalog: FilterCatalog): Condition[] {
  if (!isOperatorObject(value)) {
    if (typeof value === 'string' || typeof value === 'number') return [oneOf(field, [value], catalog)];
    return [UNKNOWN];
  }
  return Object.entries(value).map(([op, operand]) => {
    if (op === '$eq') return typeof operand === 'string' || typeof operand === 'number' ? oneOf(field, [operand], catalog) : UNKNOWN;
    if (op === '$in') return Array.isArray(operand) ? oneOf(field, operand, catalog) : UNKNOWN;
    return UNKNOWN;
  });
}

/** The filter as a list of conditions that must all hold: `$and` and operator objects flattened. */
function conjuncts(filter: Filter, catalog: FilterCatalog): Condition[] {
  return Object.entries(filter).flatMap(([key, value]) => {
    if (key === '$and') return Array.isArray(value) ? value.flatMap((f) => (isPlainFilter(f) ? conjuncts(f, catalog) : [UNKNOWN])) : [UNKNOWN];
    if (key === '$or') return [Array.isArray(value) && value.every(isPlainFilter) ? or(value.map((f) => and(conjuncts(f, catalog)))) : UNKNOWN];
    if (key.startsWith('$')) return [UNKNOWN];
    return fieldConditions(key, value, catalog);
  });
}

function isPlainFilter(value: unknown): value is Filter {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Replaces element searches with one lookup in an index's key table when the filter fixes that
 * index's leading fields down to an array field: `{bureauId, memberIds: m}` reads the few rows
 * under `(bureauId, m)` instead of testing every book of the bureau.
 */
function useKeyTable(parts: Condition[], catalog: FilterCatalog): Condition[] {
  const matches = new Map(parts.filter((p) => p.match).map((p) => [p.match!.field, p]));
  let best: { table: KeyTable; prefix: Condition[] } | undefined;
  for (const table of catalog.keyTables) {
    const prefix: Condition[] = [];
    for (const field of table.fields) {
      const found = matches.get(field);
      if (!found) break;
      prefix.push(found);
    }
    if (prefix.some((p) => p.match!.multikey) && prefix.length > (best?.prefix.length ?? 0)) best = { table, prefix };
  }
  if (!best) return parts;
  const where = best.prefix.map((p, i) => `k${i} ${placeholders(p.match!.values.length)}`).join(' AND ');
  const lookup: Condition = {
    sql: `id IN (SELECT id FROM ${best.table.table} WHERE ${where})`,
    params: best.prefix.flatMap((p) => p.match!.values),
    exact: best.prefix.every((p) => p.exact),
  };
  // The lookup implies the prefix's conditions; left on the table as well, they would tempt the
  // planner to walk a wider index of the table instead of starting from the few keys.
  return [...parts.filter((p) => !best.prefix.includes(p)), lookup];
}

/** The SQL condition for a MongoDB filter: every clause SQL can answer, the rest left to mingo. */
export function filterCondition(filter: Filter, catalog: FilterCatalog): Condition {
  return and(useKeyTable(conjuncts(filter, catalog), catalog));
}
