import type { CursorPosition, Filter, Sort } from '@pledgebook/read-model';

/**
 * MongoDB's sort order puts every BSON type in a band (null and missing first, then numbers,
 * strings, objects, …, booleans, dates), while `$gt`/`$lt` only compare values of the same
 * band. A keyset filter built from `$gt` alone therefore drops every document whose sort value
 * has another type than the cursor's (a missing field, a number among strings). These are the
 * bands, in order, with the `$type` aliases that select them. Arrays sort by their elements and
 * are not supported as sort keys.
 */
const BANDS: readonly (readonly string[])[] = [
  ['null'],
  ['number'],
  ['string', 'symbol'],
  ['object'],
  ['binData'],
  ['objectId'],
  ['bool'],
  ['date'],
  ['timestamp'],
  ['regex'],
];

function bandOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number' || typeof value === 'bigint') return 1;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 6;
  if (value instanceof Date) return 7;
  switch ((value as { _bsontype?: string })._bsontype) {
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 1;
    case 'BSONSymbol':
      return 2;
    case 'Binary':
      return 4;
    case 'ObjectId':
      return 5;
    case 'Timestamp':
      return 8;
    case 'BSONRegExp':
      return 9;
    default:
      return value instanceof RegExp ? 9 : 3;
  }
}

/** Conditions on one field that hold exactly for values sorting after `value` in `direction`. */
function afterOn(value: unknown, direction: 1 | -1): Filter[] {
  const band = bandOf(value);
  if (direction > 0) {
    if (band === 0) return [{ $ne: null }];
    const later = BANDS.slice(band + 1).flat();
    return [{ $gt: value }, ...(later.length > 0 ? [{ $type: later }] : [])];
  }
  if (band === 0) return [];
  const earlier = BANDS.slice(1, band).flat();
  return [{ $lt: value }, ...(earlier.length > 0 ? [{ $type: earlier }] : []), { $eq: null }];
}

/**
 * The filter for "after this position" in a sort order (keyset pagination):
 * (a after x) OR (a = x AND b after y) OR … with `_id` as the final key, where "after" follows
 * MongoDB's cross-type sort order. Values compare with `$eq`, so a cursor's values are never
 * read as query operators.
 */
export function keysetFilter(sort: Sort, position: CursorPosition): Filter {
  const keys = Object.keys(sort);
  const values = keys.map((k, i) => (k === '_id' ? position.id : position.values[i]));
  const clauses: Filter[] = [];
  keys.forEach((key, i) => {
    const equal: Filter = {};
    for (let j = 0; j < i; j++) equal[keys[j]!] = { $eq: values[j] ?? null };
    const direction = (sort[key] ?? 1) > 0 ? 1 : -1;
    // Read-model ids are strings: after an id means a greater (or lesser) string, nothing else.
    const after = key === '_id' ? [{ [direction > 0 ? '$gt' : '$lt']: values[i] }] : afterOn(values[i] ?? null, direction);
    for (const condition of after) clauses.push({ ...equal, [key]: condition });
  });
  return { $or: clauses };
}

/** Cursor values as JSON that keeps Dates (JSON alone would turn them into strings, another band). */
export function encodeKeyValues(values: readonly unknown[]): unknown[] {
  return values.map((v) => (v instanceof Date ? { $date: v.toISOString() } : v === undefined ? null : v));
}

export function decodeKeyValues(values: readonly unknown[]): unknown[] {
  return values.map((v) => {
    const tagged = v as { $date?: unknown } | null;
    if (tagged && typeof tagged === 'object' && Object.keys(tagged).length === 1 && typeof tagged.$date === 'string') return new Date(tagged.$date);
    return v;
  });
}
