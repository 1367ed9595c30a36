import { auditLogEventType, auditLogStream, type AuditAction, type AuditCaller, type AuditLogEntry } from '@pledgebook/audit-domain';
import type { EventStore } from '@pledgebook/event-store';
import type { Clock } from '@pledgebook/util';

const ROLE_ORDER = ['system-admin', 'auditor', 'leading-group', 'bureau-admin'];

export interface AuditRecord {
  /** The bureau whose records were looked at: its audit log gets the entry. */
  bureauId: string;
  action: AuditAction;
  target: string;
  caller: AuditCaller;
  reason?: string;
  request: string;
  correlationId: string;
  outcome: Record<string, unknown>;
  refused?: boolean;
}

/**
 * Writes the audit of the audit: one event per read, export, verification or refusal, in the
 * looked-at bureau's own hash-chained stream `audit-log-<bureauId>`. The answer waits for it:
 * a read that cannot be recorded is not answered.
 */
export class AuditLogRecorder {
  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
  ) {}

  async record(record: AuditRecord): Promise<void> {
    const entry: AuditLogEntry = {
      action: record.action,
      target: record.target,
      by: { subject: record.caller.subject, bureauId: record.caller.bureauId, roles: [...record.caller.roles] },
      at: this.clock.now().toISOString(),
      ...(record.reason ? { reason: record.reason } : {}),
      request: record.request,
      outcome: record.outcome,
    };
    const actorRole = ROLE_ORDER.find((r) => record.caller.roles.includes(r)) ?? record.caller.roles[0] ?? 'unknown';
    await this.events.append(
      auditLogStream(record.bureauId),
      [
        {
          type: auditLogEventType(record.action, record.refused ?? false),
          data: entry,
          metadata: {
            bureauId: record.bureauId,
            actorId: record.caller.subject,
            actorRole,
            actorBureauId: record.caller.bureauId,
            correlationId: record.correlationId,
            causationId: record.correlationId,
            ...(record.reason ? { reason: record.reason } : {}),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
  }
}
