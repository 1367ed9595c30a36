import type { PledgeSubject, StreamSubject } from '@pledgebook/audit-domain';
import type { IndexSpec } from '@pledgebook/read-model';

export const AUDIT_ENTRIES = 'audit_entries';
export const AUDIT_SUBJECTS = 'audit_subjects';

/** One event filed under one subject key: a pointer into the event store. */
export interface AuditEntry {
  _id: string;
  key: string;
  position: number;
  stream: string;
  revision: number;
  eventId: string;
  /** The bureau the event was recorded for (its metadata): who may see it. */
  bureauId?: string;
  recordedAt: string;
  [field: string]: unknown;
}

export interface PledgeDoc {
  _id: string;
  kind: 'pledge';
  subject: PledgeSubject;
  [field: string]: unknown;
}

export interface BureauDoc {
  _id: string;
  kind: 'bureau';
  bureauId: string;
  parentBureauId: string | null;
  [field: string]: unknown;
}

/** An aggregate's stream whose later events take over the people it has named (a selection, a grant, a work). */
export interface StreamDoc {
  _id: string;
  kind: 'stream';
  subject: StreamSubject;
  [field: string]: unknown;
}

/** The books a member pledges in a year (`books/<bureau>/<member>/<year>`). */
export interface BooksDoc {
  _id: string;
  kind: 'books';
  pledgeIds: string[];
  [field: string]: unknown;
}

/** A bureau's audit log stream (`auditlog/<stream>`), listed for retention. */
export interface AuditLogDoc {
  _id: string;
  kind: 'audit-log';
  stream: string;
  [field: string]: unknown;
}

export const AUDIT_INDEXES: IndexSpec[] = [{ fields: ['key', 'position'] }, { fields: ['eventId'] }, { fields: ['stream'] }];
