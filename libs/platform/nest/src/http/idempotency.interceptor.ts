import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { ReadModelStore } from '@pledgebook/read-model';
import { canonicalJson, PledgebookError, sha256Hex } from '@pledgebook/util';
import type { Response } from 'express';
import { from, mergeMap, shareReplay, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { READ_MODELS } from '../tokens';
import { BadInput } from './problem';

const COLLECTION = '_idempotency';

interface StoredResponse {
  _id: string;
  requestHash: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  storedAt: string;
  [key: string]: unknown;
}

/** The same key was sent with a different request. */
export class IdempotencyKeyReused extends PledgebookError {
  readonly code = 'idempotency_key_reused';
  readonly kind = 'invalid' as const;
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

/**
 * Writes with an Idempotency-Key: the first response is stored with a hash of the request; the
 * same key with the same request gets that response again and writes nothing; the same key with
 * another request is a 422. Requests with one key are handled one at a time.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(@Inject(READ_MODELS) private readonly views: ReadModelStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = idempotencyKeyOf(request);
    if (!key) return next.handle();
    const id = `${request.principal?.subject ?? '-'}|${key}`;
    const requestHash = sha256Hex(canonicalJson({ method: request.method, path: request.originalUrl, body: request.body ?? null }));

    const run = async (): Promise<Observable<unknown>> => {
      const stored = await this.views.collection<StoredResponse>(COLLECTION).findById(id);
      if (stored) {
        if (stored.requestHash !== requestHash) {
          throw new IdempotencyKeyReused('this Idempotency-Key was used for a different request', { field: 'Idempotency-Key' });
        }
        response.status(stored.status);
        for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
        response.setHeader('Idempotent-Replayed', 'true');
        return from([stored.body]);
      }
      return next.handle().pipe(
        mergeMap(async (body) => {
          const headers: Record<string, string> = {};
          for (const name of ['etag', 'location']) {
            const value = response.getHeader(name);
            if (typeof value === 'string') headers[name] = value;
          }
          await this.views.transaction((tx) =>
            tx.collection<StoredResponse>(COLLECTION).replace({ _id: id, requestHash, status: response.statusCode, body: body ?? null, headers, storedAt: new Date().toISOString() }),
          );
          return body;
        }),
      );
    };

    const previous = this.inFlight.get(id) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(run);
    // One execution, shared by Nest and by the lock that the next request with this key waits on.
    const observable = from(turn).pipe(
      mergeMap((inner) => inner),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    const settled = new Promise<unknown>((resolve) => observable.subscribe({ complete: () => resolve(undefined), error: () => resolve(undefined) }));
    this.inFlight.set(id, settled);
    void settled.then(() => {
      if (this.inFlight.get(id) === settled) this.inFlight.delete(id);
    });
    return observable;
  }
}
