import { invalid } from '@pledgebook/util';

/** Trimmed text of 1..max characters, or a 422 naming the field. */
export function requireText(value: string | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (text.length === 0 || text.length > max) throw invalid('invalid_text', `${field} must be 1 to ${max} characters`, { field });
  return text;
}

/** Optional text: absent or blank is undefined; too long is a 422. */
export function optionalText(value: string | undefined, field: string, max: number): string | undefined {
  const text = (value ?? '').trim();
  if (text.length === 0) return undefined;
  if (text.length > max) throw invalid('invalid_text', `${field} must be at most ${max} characters`, { field });
  return text;
}

/** Money is integer fen (分); the largest a reward may be is ten million yuan. */
export const MAX_FEN = 1_000_000_000;

export function requireFen(value: number, field: string, options: { positive?: boolean } = {}): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_FEN || (options.positive && value === 0)) {
    throw invalid('invalid_amount', `${field} must be a whole number of fen${options.positive ? ' above 0' : ''}, at most ${MAX_FEN}`, { field });
  }
  return value;
}

/** The first duplicate in a list, with its index. */
export function firstDuplicate<T>(values: readonly T[]): { index: number; value: T } | undefined {
  const seen = new Set<T>();
  for (const [index, value] of values.entries()) {
    if (seen.has(value)) return { index, value };
    seen.add(value);
  }
  return undefined;
}

/** The calendar day (China Standard Time) of an instant: the programme's dates are local. */
export const localDate = (at: string) => new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
