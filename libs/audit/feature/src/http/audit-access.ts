import { ForbiddenException } from '@nestjs/common';
import { mayAudit, mayReadAuditLog, type AuditAction, type AuditCaller } from '@pledgebook/audit-domain';
import { requestCorrelationId, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { AuditLogRecorder } from '../audit-log/audit-log.recorder';
import type { AuditIndex } from '../index/audit-index.reader';

/** Who asks, in which request, and why (the `reason` they gave). */
export interface Asked {
  caller: AuditCaller;
  correlationId: string;
  request: string;
  reason?: string;
}

export function askedBy(principal: Principal, request: AuthenticatedRequest, reason?: string): Asked {
  return {
    caller: { subject: principal.subject, bureauId: principal.bureauId, roles: principal.roles },
    correlationId: requestCorrelationId(request),
    request: `${request.method} ${request.originalUrl.split('?')[0]}`,
    ...(reason ? { reason } : {}),
  };
}

/**
 * Access to the auditor's record, and the record of that access: a refusal is written to the
 * looked-at bureau's audit log before the 403, an answer after it is ready and before it is sent.
 */
export class AuditAccess {
  constructor(
    private readonly index: AuditIndex,
    private readonly recorder: AuditLogRecorder,
  ) {}

  async requireAuditor(asked: Asked, bureauId: string, action: AuditAction, target: string): Promise<void> {
    await this.decide(asked, bureauId, action, target, mayAudit(asked.caller, bureauId, await this.index.ancestors(bureauId)));
  }

  async requireLogReader(asked: Asked, bureauId: string, target: string): Promise<void> {
    await this.decide(asked, bureauId, 'audit-log', target, mayReadAuditLog(asked.caller, bureauId, await this.index.ancestors(bureauId)));
  }

  /** Checkpoints are the whole log's: any auditor or the system admin. */
  async requireAnyAuditor(asked: Asked, action: AuditAction, target: string): Promise<void> {
    if (asked.caller.roles.includes('auditor') || asked.caller.roles.includes('system-admin')) return;
    await this.decide(asked, asked.caller.bureauId, action, target, { allowed: false, why: 'checkpoints are for auditors and the system admin' });
  }

  /** Records what was answered, in the bureau's audit log. */
  async answered(asked: Asked, bureauId: string, action: AuditAction, target: string, outcome: Record<string, unknown>): Promise<void> {
    await this.recorder.record({ bureauId, action, target, caller: asked.caller, request: asked.request, correlationId: asked.correlationId, outcome, ...(asked.reason ? { reason: asked.reason } : {}) });
  }

  private async decide(asked: Asked, bureauId: string, action: AuditAction, target: string, decision: ReturnType<typeof mayAudit>): Promise<void> {
    if (decision.allowed) return;
    await this.recorder.record({ bureauId, action, target, caller: asked.caller, request: asked.request, correlationId: asked.correlationId, outcome: { status: 403, why: decision.why }, refused: true, ...(asked.reason ? { reason: asked.reason } : {}) });
    throw new ForbiddenException(`${target}: ${decision.why}`);
  }
}
