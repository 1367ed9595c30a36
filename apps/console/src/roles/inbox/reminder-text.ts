import type { Translate } from '../../i18n/i18n';
import type { Reader, Reminder } from './reminders';

/** A reminder in the reader's language, from its content (ids named through `name`). */
export function reminderText(r: Pick<Reminder, 'kind' | 'content'>, reader: Reader, t: Translate, name: (id: string) => string): string {
  const c = r.content;
  const stage = c.stage ? t(`reminder.stage.${c.stage}`) : '';
  const half = c.half === 'H1' || c.half === 'H2' ? t(`appraisal.half.${c.half}`) : (c.half ?? '');
  switch (r.kind) {
    case 'book-returned':
      return t('reminder.book-returned', { round: c.round ?? 1, stage, items: c.itemNos?.length ? c.itemNos.join('、') : t('reminder.seeReview') });
    case 'review-overdue':
      return t('reminder.review-overdue', { stage, days: c.days ?? '', since: (c.since ?? '').slice(0, 10) });
    case 'check-due':
      return t('reminder.check-due', { group: c.groupId ? name(c.groupId) : '', month: c.month ?? '' });
    case 'talk-due':
      return c.memberId === reader.memberId ? t('reminder.talk-due.self', { dueOn: c.dueOn ?? '' }) : t('reminder.talk-due', { member: c.memberId ? name(c.memberId) : '', dueOn: c.dueOn ?? '' });
    case 'talk-overdue':
      return t('reminder.talk-overdue', { member: c.memberId ? name(c.memberId) : '', dueOn: c.dueOn ?? '' });
    case 'notice-started':
      return t('reminder.notice-started', { year: c.year ?? '', half, startsOn: c.startsOn ?? '', endsOn: c.endsOn ?? '' });
    case 'objection-decided':
      return t('reminder.objection-decided', { year: c.year ?? '', half, outcome: c.outcome ? t(`reminder.outcome.${c.outcome}`) : '' });
    default:
      return '';
  }
}
