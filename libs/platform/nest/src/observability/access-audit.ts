import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { ReadModelStore } from '@pledgebook/read-model';
import { currentCorrelationId, newId } from '@pledgebook/util';
import type { AuthenticatedRequest } from '../auth/principal';
import { ACCESS_DENIAL_SINK, ACCESS_DENIALS, OBSERVED_SERVICE, type AccessDenial, type AccessDenialSink } from './access-denial';

export * from './access-denial';

/** Keeps denials in the service's read-model store (collection `access_denials`). */
export function readModelDenialSink(store: ReadModelStore): AccessDenialSink {
  return {
    record: (denial) => store.transaction(async (tx) => void (await tx.collection<AccessDenial>(ACCESS_DENIALS).replace(denial))),
  };
}

/** Records every 401/403 as an audit entry: a JSON log line, and a record in the sink. */
@Injectable()
export class AccessAudit {
  private readonly logger = new Logger('audit');

  constructor(
    @Inject(OBSERVED_SERVICE) private readonly service: string,
    @Optional() @Inject(ACCESS_DENIAL_SINK) private readonly sink?: AccessDenialSink,
  ) {}

  async denied(request: AuthenticatedRequest, status: 401 | 403, why: string): Promise<void> {
    const principal = request.principal;
    const correlationId = currentCorrelationId() ?? (request as { correlationId?: string }).correlationId;
    const denial: AccessDenial = {
      _id: newId(),
      at: new Date().toISOString(),
      service: this.service,
      status,
      ...(principal ? { subject: principal.subject, bureauId: principal.bureauId, roles: principal.roles } : {}),
      method: request.method,
      path: request.originalUrl,
      why,
      ...(correlationId ? { correlationId } : {}),
    };
    this.logger.warn({ audit: 'access-denied', ...denial });
    await this.sink?.record(denial).catch((error: unknown) => this.logger.error(`could not record an access denial: ${String(error)}`));
  }
}
