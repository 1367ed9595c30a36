import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import type { ReminderContent, ReminderKind } from './domain/kinds';
import type { PersonEvent } from './domain/person';
import { PERSON_STREAM_PREFIX, personOfStream } from './streams';

export const INBOX = 'reminder_inbox';

export type InboxDoc = {
  _id: string;
  bureauId: string;
  memberId: string;
  reminderId: string;
  kind: ReminderKind;
  content: ReminderContent;
  issuedAt: string;
  read: boolean;
  mail?: 'sent' | 'refused';
};

/** Each person's inbox: one document per reminder, newest first by `issuedAt`. */
export const inboxProjection: Projection = {
  name: 'gateway-reminder-inbox',
  version: 1,
  collections: [INBOX],
  filter: { streamPrefixes: [PERSON_STREAM_PREFIX] },
  async apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    const { bureauId, memberId } = personOfStream(recorded.stream);
    const inbox = ctx.collection<InboxDoc>(INBOX);
    const key = (reminderId: string) => `${bureauId}/${memberId}/${reminderId}`;
    const event = { type: recorded.type, data: recorded.data } as PersonEvent;
    switch (event.type) {
      case 'ReminderIssued': {
        const { reminderId, kind, content, at } = event.data;
        await inbox.replace({ _id: key(reminderId), bureauId, memberId, reminderId, kind, content, issuedAt: at, read: false });
        return;
      }
      case 'RemindersRead':
        for (const id of event.data.reminderIds) await inbox.update(key(id), { $set: { read: true } });
        return;
      case 'ReminderMailed':
      case 'ReminderMailRefused':
        await inbox.update(key(event.data.reminderId), { $set: { mail: event.type === 'ReminderMailed' ? 'sent' : 'refused' } });
        return;
      default:
        return;
    }
  },
};
