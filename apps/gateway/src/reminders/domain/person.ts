import { notFound } from '@pledgebook/util';
import { REMINDER_KINDS, type ReminderContent, type ReminderKind } from './kinds';

/**
 * One person's reminders (`reminders-<bureauId>.<memberId>`): their settings, what was issued to
 * them, read, and mailed. A pure decider: no clock, no ids made here.
 */
export interface PersonState {
  muted: ReminderKind[];
  email?: string;
  issued: Record<string, { kind: ReminderKind; read: boolean; mail?: 'sent' | 'refused' }>;
}

export type PersonCommand =
  | { type: 'IssueReminder'; reminderId: string; kind: ReminderKind; content: ReminderContent; factId: string; at: string }
  | { type: 'MarkRead'; reminderIds: string[] | 'all'; at: string }
  | { type: 'ChangeSettings'; muted: ReminderKind[]; email: string | null; at: string }
  | { type: 'RecordMail'; reminderId: string; to: string; outcome: 'sent' | 'refused'; error?: string; at: string };

export type PersonEvent =
  | { type: 'ReminderIssued'; data: { reminderId: string; kind: ReminderKind; content: ReminderContent; factId: string; at: string } }
  | { type: 'RemindersRead'; data: { reminderIds: string[]; at: string } }
  | { type: 'ReminderSettingsChanged'; data: { muted: ReminderKind[]; email: string | null; at: string } }
  | { type: 'ReminderMailed'; data: { reminderId: string; to: string; at: string } }
  | { type: 'ReminderMailRefused'; data: { reminderId: string; to: string; error: string; at: string } };


export const initialPersonState = (): PersonState => ({ muted: [], issued: {} });

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'ReminderIssued':
      return { ...state, issued: { ...state.issued, [event.data.reminderId]: { kind: event.data.kind, read: false } } };
    case 'RemindersRead': {
      const issued = { ...state.issued };
      for (const id of event.data.reminderIds) if (issued[id]) issued[id] = { ...issued[id], read: true };
      return { ...state, issued };
    }
    case 'ReminderSettingsChanged': {
      // A null address removes the one set before.
      const { email: _previous, ...rest } = state;
      return { ...rest, muted: event.data.muted, ...(event.data.email ? { email: event.data.email } : {}) };
    }
    case 'ReminderMailed':
    case 'ReminderMailRefused': {
      const entry = state.issued[event.data.reminderId];
      if (!entry) return state;
      return { ...state, issued: { ...state.issued, [event.data.reminderId]: { ...entry, mail: event.type === 'ReminderMailed' ? 'sent' : 'refused' } } };
    }
  }
}

export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  switch (command.type) {
    case 'IssueReminder': {
      // Once per person: a fact handled again (redelivery, restart) issues nothing new.
      if (state.issued[command.reminderId] || state.muted.includes(command.kind)) return [];
      const { type: _type, ...data } = command;
      return [{ type: 'ReminderIssued', data }];
    }
    case 'MarkRead': {
      const ids = command.reminderIds === 'all' ? Object.keys(state.issued) : command.reminderIds;
      for (const id of ids) if (!state.issued[id]) throw notFound('reminder', id);
      const unread = [...new Set(ids)].filter((id) => !state.issued[id]!.read);
      return unread.length ? [{ type: 'RemindersRead', data: { reminderIds: unread, at: command.at } }] : [];
    }
    case 'ChangeSettings': {
      const muted = REMINDER_KINDS.filter((k) => command.muted.includes(k));
      if (sameKinds(muted, state.muted) && (command.email ?? undefined) === state.email) return [];
      return [{ type: 'ReminderSettingsChanged', data: { muted, email: command.email, at: command.at } }];
    }
    case 'RecordMail': {
      const entry = state.issued[command.reminderId];
      if (!entry) throw notFound('reminder', command.reminderId);
      if (entry.mail) return [];
      return command.outcome === 'sent'
        ? [{ type: 'ReminderMailed', data: { reminderId: command.reminderId, to: command.to, at: command.at } }]
        : [{ type: 'ReminderMailRefused', data: { reminderId: command.reminderId, to: command.to, error: command.error ?? 'refused', at: command.at } }];
    }
  }
}

const sameKinds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k) => b.includes(k));

export const personDecider = { decide: decidePerson, evolve: evolvePerson, initialState: initialPersonState };
