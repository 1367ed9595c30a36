import type { AuditCaller } from './access';

/** A bureau's audit log: who read, exported or verified its records, and who was refused. */
export const auditLogStream = (bureauId: string) => `audit-log-${bureauId}`;
export const AUDIT_LOG_PREFIX = 'audit-log-';
/** Streams the audit context writes; the audit index leaves them out. */
export const AUDIT_STREAM_PREFIX = 'audit-';

/** `access`: a 401/403 of any route of any process (`AccessDenied`, written by the platform's denial sink). */
export type AuditAction = 'timeline' | 'aggregates' | 'correlation' | 'export' | 'verify' | 'audit-log' | 'checkpoints' | 'access';

/** The log of requests that name no bureau and carry no verified token (401s): read by the system admin. */
export const SYSTEM_AUDIT_LOG = 'system';

export type AuditLogEventType = 'AuditRecordRead' | 'EvidenceExported' | 'RecordVerified' | 'AuditAccessRefused' | 'AccessDenied';

export interface AuditLogEntry {
  action: AuditAction;
  /** What was looked at: `pledge …`, `member … of …, 2026`, a correlation, a bureau's log. */
  target: string;
  by: AuditCaller;
  at: string;
  reason?: string;
  /** HTTP method and path of the request. */
  request: string;
  /** What was answered: counts, a bundle's digest, a verification's result, or why it was refused. */
  outcome: Record<string, unknown>;
}

export function auditLogEventType(action: AuditAction, refused: boolean): AuditLogEventType {
  if (refused) return 'AuditAccessRefused';
  if (action === 'export') return 'EvidenceExported';
  if (action === 'verify') return 'RecordVerified';
  return 'AuditRecordRead';
}
