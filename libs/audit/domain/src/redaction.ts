/** Data kept for one office only (an objector's identity and words) sits under a `restricted` field. */
export const RESTRICTED_FIELD = 'restricted';

export function containsRestricted(value: unknown, depth = 0): boolean {
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsRestricted(v, depth + 1));
  return Object.entries(value as Record<string, unknown>).some(([key, field]) => key === RESTRICTED_FIELD || containsRestricted(field, depth + 1));
}

/** The data with every `restricted` field replaced by a marker: what a timeline shows. */
export function redactRestricted(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactRestricted(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, field]) => [key, key === RESTRICTED_FIELD ? { withheld: 'restricted' } : redactRestricted(field, depth + 1)]));
}
