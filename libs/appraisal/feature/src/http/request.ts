import { BadInput, etagFor, expectedRevisionFrom, idempotencyKeyOf, metaFromPrincipal, requestCorrelationId, type AuthenticatedRequest, type CommandMeta, type Principal } from '@pledgebook/nest';
import type { Clock } from '@pledgebook/util';
import type { Response } from 'express';
import type { AppraisalWriteResult } from '../write/decide-appraisal';

/** The clock commands take their `at` from (the request's time); bound to the system clock. */
export const APPRAISAL_CLOCK = Symbol('AppraisalClock');
export type { Clock };

/**
 * Who acts, and the seed that makes a retried request append nothing twice: the same
 * Idempotency-Key from the same caller on the same aggregate and step derives the same event ids.
 */
export function writeMeta(principal: Principal, request: AuthenticatedRequest, step: string, aggregateId: string, extra: Partial<CommandMeta> = {}): CommandMeta {
  const key = idempotencyKeyOf(request);
  return metaFromPrincipal(principal, requestCorrelationId(request), { ...extra, ...(key ? { idempotencySeed: `${step}|${aggregateId}|${principal.subject}|${key}` } : {}) });
}

/** If-Match → the revision the caller last saw (412 when the stream moved on since). */
export function ifMatchOf(request: AuthenticatedRequest): number | undefined {
  const header = request.headers['if-match'];
  return expectedRevisionFrom(Array.isArray(header) ? header[0] : header);
}

/** The ETag of the aggregate after the write. */
export function withEtag<T>(response: Response, result: Pick<AppraisalWriteResult, 'revision'>, body: T): T {
  response.setHeader('ETag', etagFor(result.revision));
  return body;
}

/** Routes that take no body refuse one (nothing unexpected reaches a command). */
export function noBody(request: AuthenticatedRequest): void {
  if (request.body && typeof request.body === 'object' && Object.keys(request.body as object).length > 0) throw new BadInput([{ field: '/', message: 'this request takes no body' }]);
}
