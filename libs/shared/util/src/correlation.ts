import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header that carries one request's id from the gateway through every service and log line. */
export const CORRELATION_HEADER = 'x-correlation-id';

const context = new AsyncLocalStorage<{ correlationId: string }>();

/** The correlation id of the request or message being handled, if any. */
export const currentCorrelationId = (): string | undefined => context.getStore()?.correlationId;

/** A caller's id when it is a sensible token, else a new one (ids end up in logs and headers). */
export function correlationIdFrom(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}

/** Runs `fn` (and everything it awaits) with the given correlation id. */
export function withCorrelationId<R>(correlationId: string, fn: () => R): R {
  return context.run({ correlationId }, fn);
}

interface MinimalRequest {
  headers: Record<string, string | string[] | undefined>;
  correlationId?: string;
}
interface MinimalResponse {
  setHeader(name: string, value: string): unknown;
}

/** First middleware: takes or makes the request's correlation id and echoes it on the answer. */
export function assignCorrelationId(req: MinimalRequest, res: MinimalResponse, next: () => void): void {
  req.correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
  res.setHeader('X-Correlation-Id', req.correlationId);
  next();
}

/**
 * After body parsing (stream callbacks would lose the context if it were entered earlier): the
 * rest of the request runs with its correlation id, so every log line it writes carries it.
 */
export function enterCorrelationContext(req: MinimalRequest, _res: MinimalResponse, next: () => void): void {
  withCorrelationId(req.correlationId ?? correlationIdFrom(undefined), next);
}
