import type { AuthenticatedRequest } from '@pledgebook/nest';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';

/** The request's correlation id (from X-Correlation-Id when well-formed), echoed on the response. */
export function correlationIdOf(request: AuthenticatedRequest, response: Response): string {
  const given = request.headers['x-correlation-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : newId();
  response.setHeader('X-Correlation-Id', id);
  return id;
}

export const encodePageCursor = (value: number) => Buffer.from(`r:${value}`).toString('base64url');
export function decodePageCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^r:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : -1;
}
