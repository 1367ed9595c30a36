import type { Policy, RecordedEvent } from '@pledgebook/event-store';
import type { ReminderContent, ReminderKind } from './domain/kinds';
import { mailText } from './domain/mail-text';
import { MailRefused, type Mailer } from './mailer';
import type { PersonWrites } from './person-writes';
import { MAIL_POLICY, PERSON_STREAM_PREFIX, personOfStream } from './streams';

/**
 * Mails each reminder issued to a person who gave an address. Sent or refused (5xx), the outcome
 * is recorded in the person's stream, and a reminder recorded as mailed is never sent again; any
 * other failure (server down, 4xx) throws, so the policy retries from the same reminder with
 * backoff and nothing is lost. A crash between the send and the record sends once more.
 */
export function mailRemindersPolicy(mailer: Mailer, writes: PersonWrites, now: () => Date): Policy {
  return {
    name: MAIL_POLICY,
    filter: { streamPrefixes: [PERSON_STREAM_PREFIX], eventTypes: ['ReminderIssued'] },
    async handle(event: RecordedEvent) {
      const { bureauId, memberId } = personOfStream(event.stream);
      const { reminderId, kind, content } = event.data as { reminderId: string; kind: ReminderKind; content: ReminderContent };
      const state = await writes.load(bureauId, memberId);
      const to = state.email;
      if (!to || state.issued[reminderId]?.mail || state.muted.includes(kind)) return;
      const { subject, text } = mailText(kind, content);
      let outcome: { outcome: 'sent' } | { outcome: 'refused'; error: string };
      try {
        await mailer.send({ to, subject, text, messageId: `<${reminderId}@pledgebook>` });
        outcome = { outcome: 'sent' };
      } catch (error) {
        if (!(error instanceof MailRefused)) throw error;
        outcome = { outcome: 'refused', error: error.message.slice(0, 500) };
      }
      await writes.handle(
        bureauId,
        memberId,
        { type: 'RecordMail', reminderId, to, ...outcome, at: now().toISOString() },
        { bureauId, actorId: 'system', actorRole: 'system', correlationId: event.metadata.correlationId, causationId: event.id },
        `mail|${reminderId}`,
      );
    },
  };
}
