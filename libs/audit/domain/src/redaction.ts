/**
 * Data kept for one office only sits under these fields: an objector's identity and words
 * (`restricted`), a reminder talk's notes (`personal`). Timelines show a marker instead, and
 * bundles carry such events as withheld links.
 */
export const RESTRICTED_FIELDS: readonly string[] = ['restricted', 'personal'];

export function containsRestricted(value: unknown, depth = 0): boolean {
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsRestricted(v, depth + 1));
  return Object.entries(value as Record<string, unknown>).some(([key, field]) => RESTRICTED_FIELDS.includes(key) || containsRestricted(field, depth + 1));
}

/** The data with every restricted field replaced by a marker: what a timeline shows. */
export function redactRestricted(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactRestricted(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, field]) => [key, RESTRICTED_FIELDS.includes(key) ? { withheld: 'restricted' } : redactRestricted(field, depth + 1)]));
}
