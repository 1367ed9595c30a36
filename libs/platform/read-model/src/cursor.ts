import { PledgebookError } from '@pledgebook/util';
import type { Sort } from './types';

/** A cursor that does not decode, or does not belong to this query's sort. */
export class InvalidCursor extends PledgebookError {
  readonly code = 'invalid_cursor';
}

export interface CursorPosition {
  /** Sort key values of the last item of the previous page, in sort order. */
  values: unknown[];
  id: string;
}

export function encodeCursor(position: CursorPosition, sort: Sort): string {
  return Buffer.from(JSON.stringify({ k: Object.keys(sort), v: position.values, i: position.id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: Sort): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k: string[]; v: unknown[]; i: string };
    const keys = Object.keys(sort);
    if (!Array.isArray(parsed.v) || typeof parsed.i !== 'string' || JSON.stringify(parsed.k) !== JSON.stringify(keys)) {
      throw new Error('shape');
    }
    return { values: parsed.v, id: parsed.i };
  } catch {
    throw new InvalidCursor('cursor is not valid for this query', { field: 'cursor' });
  }
}

/** Sort fields without `_id`, which is always the final tie-breaker. */
export function sortFields(sort: Sort | undefined): Sort {
  const { _id: _ignored, ...rest } = sort ?? {};
  return rest;
}

/** Reads a dotted path from a document. */
export function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
