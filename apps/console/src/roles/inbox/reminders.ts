// What the gateway's inbox answers (ADR 0072), and where each reminder leads in the console. Pure:
// no React, no fetch, so the unit spec pins the links.
import type { BodyOf } from '../../api/client';
import { APPRAISERS, REVIEWERS } from '../../app/home';

export type ReminderSettingsBody = BodyOf<'/api/v1/me/reminder-settings', 'put'>;
/** The kinds the gateway's document names (a kind added there fails the type-check below until named here). */
export type ReminderKind = ReminderSettingsBody['muted'][number];
const KINDS: Record<ReminderKind, true> = { 'book-returned': true, 'review-overdue': true, 'check-due': true, 'talk-due': true, 'talk-overdue': true, 'notice-started': true, 'objection-decided': true };
/** The kinds a person may receive and mute, in the order the settings list them. */
export const REMINDER_KINDS = Object.keys(KINDS) as ReminderKind[];

export interface ReminderContent {
  pledgeId?: string;
  round?: number;
  stage?: 'group' | 'branch';
  itemNos?: number[];
  days?: number;
  since?: string;
  groupId?: string;
  branchId?: string;
  memberId?: string;
  month?: string;
  talkId?: string;
  dueOn?: string;
  year?: number;
  half?: string;
  startsOn?: string;
  endsOn?: string;
  objectionId?: string;
  outcome?: 'dismissed' | 'upheld';
}

export interface Reminder {
  reminderId: string;
  kind: ReminderKind;
  content: ReminderContent;
  issuedAt: string;
  read: boolean;
  mail?: 'sent' | 'refused';
}

export interface InboxPage {
  items: Reminder[];
  nextCursor?: string;
  unread: number;
}

export interface ReminderSettings {
  kinds: ReminderKind[];
  muted: ReminderKind[];
  email: string | null;
  mailConfigured: boolean;
}

export interface Reader {
  memberId: string;
  roles: readonly string[];
}

const has = (reader: Reader, roles: readonly string[]) => roles.some((r) => reader.roles.includes(r));
const yearOf = (c: ReminderContent) => (c.year ? `?year=${c.year}` : '');

/**
 * The console page a reminder is about, where the reader's roles open one: a returned book → the
 * book; a review past its deadline → the review queue; a check or talk due → the monthly checks or
 * the talks (the member's own talk → their appraisal year); a notice → the round (the office) or
 * the member's appraisal year; an objection decided → the member's appraisal year.
 */
export function reminderLink(r: Pick<Reminder, 'kind' | 'content'>, reader: Reader): string | undefined {
  const c = r.content;
  switch (r.kind) {
    case 'book-returned':
      return c.pledgeId ? `/member/books/${encodeURIComponent(c.pledgeId)}` : '/member/book';
    case 'review-overdue':
      return has(reader, REVIEWERS) ? '/review/queue' : undefined;
    case 'check-due':
      return has(reader, REVIEWERS) ? '/review/checks' : undefined;
    case 'talk-due':
      if (c.memberId === reader.memberId) return `/member/appraisal${yearOf({ year: c.dueOn ? Number(c.dueOn.slice(0, 4)) : undefined })}`;
      return has(reader, ['branch-secretary']) ? '/review/talks' : undefined;
    case 'talk-overdue':
      return has(reader, ['branch-secretary']) ? '/review/talks' : undefined;
    case 'notice-started':
      if (has(reader, APPRAISERS) && c.year && (c.half === 'H1' || c.half === 'H2')) return `/appraisal/rounds/${c.year}/${c.half}`;
      return `/member/appraisal${yearOf(c)}`;
    case 'objection-decided':
      return `/member/appraisal${yearOf(c)}`;
    default:
      return undefined;
  }
}
