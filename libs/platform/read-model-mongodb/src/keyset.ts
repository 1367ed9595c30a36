import type { Filter, Sort } from '@pledgebook/read-model';
import type { CursorPosition } from '@pledgebook/read-model';

/**
 * The filter for "after this position" in a sort order (keyset pagination):
 * (a > x) OR (a = x AND b > y) OR … with `_id` as the final key.
 */
export function keysetFilter(sort: Sort, position: CursorPosition): Filter {
  const keys = Object.keys(sort);
  const values = keys.map((k, i) => (k === '_id' ? position.id : position.values[i]));
  const clauses = keys.map((key, i) => {
    const clause: Filter = {};
    for (let j = 0; j < i; j++) clause[keys[j]!] = values[j];
    clause[key] = { [(sort[key] ?? 1) > 0 ? '$gt' : '$lt']: values[i] };
    return clause;
  });
  return { $or: clauses };
}
