/** What the reminders learn, per bureau (ADR 0019: consumed facts in the consumer's own streams). */
export const FACTS_STREAM_PREFIX = 'gateway-reminder-facts-';
export const factsStream = (bureauId: string) => `${FACTS_STREAM_PREFIX}${bureauId}`;
export const bureauOfFactsStream = (stream: string) => stream.slice(FACTS_STREAM_PREFIX.length);

/** One person's reminders and settings (bureau ids and directory keys hold no dot). */
export const PERSON_STREAM_PREFIX = 'reminders-';
export const personStream = (bureauId: string, memberId: string) => `${PERSON_STREAM_PREFIX}${bureauId}.${memberId}`;
export function personOfStream(stream: string): { bureauId: string; memberId: string } {
  const rest = stream.slice(PERSON_STREAM_PREFIX.length);
  const dot = rest.indexOf('.');
  return { bureauId: rest.slice(0, dot), memberId: rest.slice(dot + 1) };
}

/** The bus consumer group and the policies' names (their checkpoints). */
export const CONSUMER_GROUP = 'gateway.reminders';
export const SERVICE_FACTS_POLICY = 'gateway.reminders.service-facts';
export const ISSUE_POLICY = 'gateway.reminders.issue';
export const MAIL_POLICY = 'gateway.reminders.mail';
