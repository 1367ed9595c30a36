import type { Sort } from '@pledgebook/read-model';
import type { SqlValue } from './filter-sql';
import { fieldExpression } from './filter-sql';

export interface Range {
  sql: string;
  params: SqlValue[];
  /** Sort keys before this one are fixed by the range's equalities and need no ordering. */
  from: number;
}

export function orderBy(sort: Sort, from = 0): string {
  return Object.entries(sort)
    .slice(from)
    .map(([field, dir]) => `${fieldExpression(field)} ${dir === -1 ? 'DESC' : 'ASC'}`)
    .join(', ');
}

/** Cursor values SQL can compare as MongoDB does: strings, numbers, or null for a missing value. */
export function comparable(values: readonly unknown[]): values is (SqlValue | null)[] {
  return values.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
}

function equal(expr: string, value: SqlValue | null): Omit<Range, 'from'> {
  return value === null ? { sql: `${expr} IS NULL`, params: [] } : { sql: `${expr} = ?`, params: [value] };
}

/** Where rows strictly after `value` lie, in sort order. SQLite, like MongoDB, orders null first. */
function after(expr: string, dir: 1 | -1, value: SqlValue | null): Omit<Range, 'from'>[] {
  if (dir === 1) return [value === null ? { sql: `${expr} IS NOT NULL`, params: [] } : { sql: `${expr} > ?`, params: [value] }];
  return value === null ? [] : [{ sql: `${expr} < ?`, params: [value] }, { sql: `${expr} IS NULL`, params: [] }];
}

/**
 * The rows after a cursor as index ranges, in sort order: ties on every key with a greater id
 * first, then ties on all but the last key, and so on. Each range is an index seek (equality on a
 * prefix of the sort keys, a bound on the next), so a page after a cursor starts where it should
 * instead of reading and discarding everything before it.
 */
export function rangesAfter(sort: Sort, values: readonly (SqlValue | null)[]): Range[] {
  const keys = Object.entries(sort);
  const ranges: Range[] = [];
  for (let i = keys.length - 1; i >= 0; i--) {
    const prefix = keys.slice(0, i).map(([field], j) => equal(fieldExpression(field), values[j]!));
    const [field, dir] = keys[i]!;
    for (const bound of after(fieldExpression(field), dir, values[i]!)) {
      const parts = [...prefix, bound];
      ranges.push({ sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params), from: i });
    }
  }
  return ranges;
}
