/** A required free text: present and not blank. */
export const isBlank = (value: string | undefined | null): boolean => !value || !value.trim();

/** Values that occur more than once, each named once. */
export function repeated<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}
