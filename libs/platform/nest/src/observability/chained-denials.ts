import type { EventStore } from '@pledgebook/event-store';
import type { AccessDenial, AccessDenialSink } from './access-denial';

/**
 * Every 401/403 of every process is also an event in a bureau's hash-chained audit log (the
 * stream the audit context keeps per bureau, ADR 0058; its format there: an `AuditLogEntry`).
 * For a caller with a verified token the bureau is the one the request's path names
 * (`/bureaus/<id>/…`), else the caller's; a request without one goes to the system's own log
 * (its path is anyone's to write, and would otherwise open a stream per name tried).
 */
export const AUDIT_LOG_STREAM_PREFIX = 'audit-log-';
export const SYSTEM_AUDIT_LOG = 'system';
export const ACCESS_DENIED_EVENT = 'AccessDenied';

const BUREAU_IN_PATH = /\/bureaus\/([a-z0-9][a-z0-9-]{1,63})(?:[/?]|$)/;

export function denialBureau(denial: Pick<AccessDenial, 'path' | 'bureauId'>): string {
  if (!denial.bureauId) return SYSTEM_AUDIT_LOG;
  return BUREAU_IN_PATH.exec(denial.path)?.[1] ?? denial.bureauId;
}

/** The event a denial becomes: the audit log's entry shape (who, what, when, the request, what was answered). */
export function denialEvent(denial: AccessDenial) {
  const path = denial.path.split('?')[0] ?? denial.path;
  const bureauId = denialBureau(denial);
  const subject = denial.subject ?? 'anonymous';
  const correlationId = denial.correlationId ?? denial._id;
  return {
    stream: `${AUDIT_LOG_STREAM_PREFIX}${bureauId}`,
    event: {
      id: denial._id,
      type: ACCESS_DENIED_EVENT,
      data: {
        action: 'access',
        target: path,
        by: { subject, bureauId: denial.bureauId ?? '', roles: [...(denial.roles ?? [])] },
        at: denial.at,
        request: `${denial.method} ${path}`,
        outcome: { status: denial.status, why: denial.why, service: denial.service },
      },
      metadata: { bureauId, actorId: subject, actorRole: denial.roles?.[0] ?? 'anonymous', ...(denial.bureauId ? { actorBureauId: denial.bureauId } : {}), correlationId, causationId: correlationId },
    },
  };
}

/** Appends each denial to its bureau's chained audit log in the shared event store. */
export function chainedDenialSink(events: EventStore, options: { skip?: (denial: AccessDenial) => boolean } = {}): AccessDenialSink {
  return {
    async record(denial) {
      if (options.skip?.(denial)) return;
      const { stream, event } = denialEvent(denial);
      await events.append(stream, [event], { expectedRevision: 'any' });
    },
  };
}

/** Records a denial in every sink (each failure is reported after all were tried). */
export function allDenialSinks(...sinks: AccessDenialSink[]): AccessDenialSink {
  return {
    async record(denial) {
      const failed = (await Promise.allSettled(sinks.map((s) => s.record(denial)))).find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
