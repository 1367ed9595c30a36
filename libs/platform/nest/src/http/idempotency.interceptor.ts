import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { ReadModelStore } from '@pledgebook/read-model';
import { canonicalJson, newId, PledgebookError, sha256Hex, sleep } from '@pledgebook/util';
import type { Response } from 'express';
import { catchError, finalize, from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { READ_MODELS } from '../tokens';
import { IdempotencyClaims, type StoredResponse } from './idempotency-claims';
import { BadInput } from './problem';

/** The same key was sent with a different request. */
export class IdempotencyKeyReused extends PledgebookError {
  readonly code = 'idempotency_key_reused';
  readonly kind = 'invalid' as const;
}

/** Another request with this key is still being handled (by this or another replica). */
export class IdempotencyKeyInFlight extends PledgebookError {
  readonly code = 'idempotency_key_in_flight';
  readonly kind = 'conflict' as const;
}

/** The Idempotency-Key of a request, validated (1–200 visible ASCII characters). */
export function idempotencyKeyOf(request: AuthenticatedRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new BadInput([{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
  }
  return key;
}

/** How long a duplicate waits for the first request with its key before it is told to retry. */
const WAIT_MS = 15_000;

/**
 * Writes with an Idempotency-Key: the first response is stored with a hash of the request; the
 * same key with the same request gets that response again and writes nothing; the same key with
 * another request is a 422. The key is claimed in the read-model store before the write runs, so
 * requests with one key are handled one at a time across every replica of the service.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly claims: IdempotencyClaims;

  constructor(@Inject(READ_MODELS) views: ReadModelStore) {
    this.claims = new IdempotencyClaims(views);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = idempotencyKeyOf(request);
    if (!key) return next.handle();
    // Member ids mean something only with their bureau (ADR 0019): two bureaus' wang may send the same key.
    const id = `${request.principal?.bureauId ?? '-'}|${request.principal?.subject ?? '-'}|${key}`;
    const requestHash = sha256Hex(canonicalJson({ method: request.method, path: request.originalUrl, body: request.body ?? null }));
    const owner = newId();

    const replay = (stored: StoredResponse): Observable<unknown> => {
      response.status(stored.status);
      for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
      response.setHeader('Idempotent-Replayed', 'true');
      return from([stored.body]);
    };

    const run = async (): Promise<Observable<unknown>> => {
      const deadline = Date.now() + WAIT_MS;
      for (let attempt = 0; ; attempt += 1) {
        const claim = await this.claims.claim(id, requestHash, owner);
        if (claim.outcome === 'reused') throw new IdempotencyKeyReused('this Idempotency-Key was used for a different request', { field: 'Idempotency-Key' });
        if (claim.outcome === 'done') return replay(claim.stored);
        if (claim.outcome === 'claimed') break;
        if (Date.now() > deadline) {
          response.setHeader('Retry-After', '1');
          throw new IdempotencyKeyInFlight('a request with this Idempotency-Key is still being handled: retry it in a moment', { field: 'Idempotency-Key' });
        }
        await sleep(Math.min(250, 25 * 2 ** Math.min(attempt, 4)));
      }
      const stopRenewing = this.claims.keep(id, owner);
      return next.handle().pipe(
        finalize(stopRenewing),
        mergeMap(async (body) => {
          const headers: Record<string, string> = {};
          for (const name of ['etag', 'location']) {
            const value = response.getHeader(name);
            if (typeof value === 'string') headers[name] = value;
          }
          await this.claims.complete({ _id: id, requestHash, status: response.statusCode, body: body ?? null, headers, storedAt: new Date().toISOString() });
          return body;
        }),
        // A failed write keeps nothing: the key is free for the client's retry.
        catchError(async (error: unknown) => {
          await this.claims.release(id, owner).catch(() => undefined);
          throw error;
        }),
      );
    };

    return from(run()).pipe(mergeMap((inner) => inner));
  }
}
