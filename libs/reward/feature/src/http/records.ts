import { etagFor, expectedRevisionFrom } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';

/** A record as the API returns it: its folded state and its revision (also the ETag). */
export function recordBody<S extends object>(state: S, revision: number, response?: Response): S & { revision: number } {
  response?.setHeader('ETag', etagFor(revision));
  return { ...state, revision };
}

/** A record that is not there (an empty stream) is a 404. */
export function requireRecord(revision: number, what: string, id: string): void {
  if (revision < 0) throw notFound(what, id);
}

/** If-Match → the revision a write expects; a conflict is retried only when the caller named none. */
export function concurrency(ifMatch: string | undefined): { expectedRevision?: number; retryOnConflict: number } {
  const expected = expectedRevisionFrom(ifMatch);
  return expected === undefined ? { retryOnConflict: 3 } : { expectedRevision: expected, retryOnConflict: 0 };
}
