import { Catch, HttpException, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { WrongExpectedRevision, InvalidAppend, DuplicateEventId } from '@pledgebook/event-store';
import { InvalidCursor } from '@pledgebook/read-model';
import { PledgebookError } from '@pledgebook/util';
import type { Request, Response } from 'express';
import { AccessAudit } from '../observability/access-audit';
import type { AuthenticatedRequest } from '../auth/principal';
import { BadInput, problem, type Problem } from './problem';

/** Errors carrying an HTTP family (domain errors) are matched by shape, so ports stay framework-free. */
interface KindedError {
  code: string;
  kind: 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'too_large' | 'unsupported_media_type';
  message: string;
  details: Record<string, unknown>;
}
const KIND_STATUS = { not_found: 404, forbidden: 403, conflict: 409, invalid: 422, too_large: 413, unsupported_media_type: 415 } as const;

function isKinded(error: unknown): error is KindedError {
  return error instanceof PledgebookError && typeof (error as Partial<KindedError>).kind === 'string' && (error as Partial<KindedError>).kind! in KIND_STATUS;
}

/** Maps every error to an RFC 9457 problem document, in one place. */
export function toProblem(error: unknown, request?: Request): Problem {
  if (error instanceof BadInput) return problem(400, 'invalid_request', error.message, { errors: error.errors });
  // Every list takes its cursor as a query parameter.
  if (error instanceof InvalidCursor) return problem(400, 'invalid_cursor', error.message, { errors: [{ field: '/query/cursor', message: error.message }] });
  if (isKinded(error)) {
    const status = KIND_STATUS[error.kind];
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    // Details never overwrite the problem's own members (status, type, title, detail).
    const { field: _f, status: _s, type: _t, title: _ti, detail: _d, ...details } = error.details;
    return problem(status, error.code, error.message, {
      ...details,
      ...(field ? { errors: [{ field: `/${field}`, message: error.message }] } : {}),
    });
  }
  if (error instanceof WrongExpectedRevision) {
    const conditional = request?.headers['if-match'] !== undefined;
    return problem(conditional ? 412 : 409, 'concurrent_change', conditional ? 'the resource changed since that ETag' : 'someone else changed this at the same time; retry', {
      currentRevision: error.actual === 'no_stream' ? null : error.actual,
    });
  }
  if (error instanceof InvalidAppend || error instanceof DuplicateEventId) return problem(400, error.code, error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    return problem(status, status === 404 ? 'not_found' : `http_${status}`, Array.isArray(detail) ? detail.join('; ') : String(detail));
  }
  return problem(500, 'internal_error', 'an unexpected error occurred; it has been logged');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(@Optional() private readonly audit?: AccessAudit) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = toProblem(error, request);
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (body.status === 401 || body.status === 403) void this.audit?.denied(request as AuthenticatedRequest, body.status, body.detail ?? body.title);
    response.status(body.status).type('application/problem+json').json({ ...body, instance: request.originalUrl });
  }
}

/** Express error handler for what fails before Nest routes (malformed JSON, oversize bodies). */
export function bodyErrorHandler(error: { status?: number; type?: string; message?: string }, request: Request, response: Response, next: (e?: unknown) => void): void {
  if (response.headersSent) return next(error);
  const status = error.type === 'entity.too.large' ? 413 : error.status && error.status < 500 ? error.status : 500;
  const code = error.type === 'entity.too.large' ? 'body_too_large' : error.type === 'entity.parse.failed' ? 'malformed_json' : `http_${status}`;
  const detail = code === 'malformed_json' ? 'the body is not valid JSON' : code === 'body_too_large' ? 'the body is larger than this endpoint accepts' : (error.message ?? 'bad request');
  response.status(status).type('application/problem+json').json({ ...problem(status, code, detail), instance: request.originalUrl });
}
