/**
 * The types a consumer takes (`ConsumeOptions.types`) as a set, or undefined for every type. An
 * empty list is refused: it would pass over, and commit past, everything on the topics.
 */
export function typeFilter(types: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (types === undefined) return undefined;
  if (types.length === 0) throw new RangeError('ConsumeOptions.types names no type: leave it out to take every type');
  return new Set(types);
}
