import { deciderSpec } from '@pledgebook/util/testing';
import { decidePerson, evolvePerson, initialPersonState, type PersonEvent } from './person';

const spec = deciderSpec(decidePerson, evolvePerson, initialPersonState);
const AT = '2026-03-02T08:00:00.000Z';
const issued = (reminderId: string, kind: 'book-returned' | 'notice-started' = 'book-returned'): PersonEvent => ({
  type: 'ReminderIssued',
  data: { reminderId, kind, content: { pledgeId: 'p1' }, factId: `f-${reminderId}`, at: AT },
});

describe('a person’s reminders', () => {
  it('issues a reminder once', () => {
    spec([]).when({ type: 'IssueReminder', reminderId: 'r1', kind: 'book-returned', content: { pledgeId: 'p1' }, factId: 'f-r1', at: AT }).then([issued('r1')]);
    spec([issued('r1')]).when({ type: 'IssueReminder', reminderId: 'r1', kind: 'book-returned', content: { pledgeId: 'p1' }, factId: 'f-r1', at: AT }).then([]);
  });

  it('issues nothing of a muted kind, and again after unmuting', () => {
    const muted: PersonEvent = { type: 'ReminderSettingsChanged', data: { muted: ['book-returned'], email: null, at: AT } };
    spec([muted]).when({ type: 'IssueReminder', reminderId: 'r1', kind: 'book-returned', content: {}, factId: 'f', at: AT }).then([]);
    spec([muted]).when({ type: 'IssueReminder', reminderId: 'r2', kind: 'notice-started', content: {}, factId: 'f', at: AT }).then([
      { type: 'ReminderIssued', data: { reminderId: 'r2', kind: 'notice-started', content: {}, factId: 'f', at: AT } },
    ]);
    const unmuted: PersonEvent = { type: 'ReminderSettingsChanged', data: { muted: [], email: null, at: AT } };
    spec([muted, unmuted]).when({ type: 'IssueReminder', reminderId: 'r3', kind: 'book-returned', content: {}, factId: 'f', at: AT }).then([
      { type: 'ReminderIssued', data: { reminderId: 'r3', kind: 'book-returned', content: {}, factId: 'f', at: AT } },
    ]);
  });

  it('marks unread reminders read, names an unknown one', () => {
    spec([issued('r1'), issued('r2')]).when({ type: 'MarkRead', reminderIds: ['r1', 'r1'], at: AT }).then([{ type: 'RemindersRead', data: { reminderIds: ['r1'], at: AT } }]);
    spec([issued('r1'), issued('r2'), { type: 'RemindersRead', data: { reminderIds: ['r1'], at: AT } }])
      .when({ type: 'MarkRead', reminderIds: 'all', at: AT })
      .then([{ type: 'RemindersRead', data: { reminderIds: ['r2'], at: AT } }]);
    spec([issued('r1')]).when({ type: 'MarkRead', reminderIds: ['nope'], at: AT }).thenFails('reminder_not_found', 'not_found');
  });

  it('keeps settings in the catalogue’s order and changes nothing when they are the same', () => {
    spec([]).when({ type: 'ChangeSettings', muted: ['talk-due', 'book-returned'], email: 'li@example.org', at: AT }).then([
      { type: 'ReminderSettingsChanged', data: { muted: ['book-returned', 'talk-due'], email: 'li@example.org', at: AT } },
    ]);
    spec([{ type: 'ReminderSettingsChanged', data: { muted: ['talk-due'], email: 'li@example.org', at: AT } }])
      .when({ type: 'ChangeSettings', muted: ['talk-due'], email: 'li@example.org', at: AT })
      .then([]);
    expect(evolvePerson(evolvePerson(initialPersonState(), { type: 'ReminderSettingsChanged', data: { muted: [], email: 'a@b.cn', at: AT } }), { type: 'ReminderSettingsChanged', data: { muted: [], email: null, at: AT } }).email).toBeUndefined();
  });

  it('records a mail once, sent or refused', () => {
    spec([issued('r1')]).when({ type: 'RecordMail', reminderId: 'r1', to: 'a@b.cn', outcome: 'sent', at: AT }).then([{ type: 'ReminderMailed', data: { reminderId: 'r1', to: 'a@b.cn', at: AT } }]);
    spec([issued('r1'), { type: 'ReminderMailed', data: { reminderId: 'r1', to: 'a@b.cn', at: AT } }]).when({ type: 'RecordMail', reminderId: 'r1', to: 'a@b.cn', outcome: 'refused', error: '550', at: AT }).then([]);
    spec([issued('r1')]).when({ type: 'RecordMail', reminderId: 'r1', to: 'a@b.cn', outcome: 'refused', error: '550 no such user', at: AT }).then([
      { type: 'ReminderMailRefused', data: { reminderId: 'r1', to: 'a@b.cn', error: '550 no such user', at: AT } },
    ]);
  });
});
