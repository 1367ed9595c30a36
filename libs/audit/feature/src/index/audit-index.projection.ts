import {
  AUDIT_LOG_PREFIX,
  AUDIT_LOG_PRUNED,
  AUDIT_STREAM_PREFIX,
  booksKey,
  bureauOf,
  indexKeys,
  keysForNewPeople,
  learnPledgeSubject,
  learnStreamSubject,
  mentionsOf,
  PEOPLE_AGGREGATE_OPENINGS,
  pledgeIdsOf,
  type IndexedEvent,
  type Mentions,
  type PledgeSubject,
  type StreamSubject,
} from '@pledgebook/audit-domain';
import type { RecordedEvent } from '@pledgebook/event-store';
import { findAll, type Projection, type ProjectionContext } from '@pledgebook/read-model';
import { AUDIT_ENTRIES, AUDIT_SUBJECTS, type AuditEntry, type AuditLogDoc, type BooksDoc, type BureauDoc, type PledgeDoc, type StreamDoc } from './audit-index.views';

async function causeKeys(event: RecordedEvent, context: ProjectionContext): Promise<string[]> {
  const { causationId, correlationId } = event.metadata;
  // A request's first events are caused by the request itself (causation = correlation): no event to follow.
  if (!causationId || causationId === correlationId) return [];
  const { items } = await context.collection<AuditEntry>(AUDIT_ENTRIES).find({ eventId: causationId }, { limit: 200 });
  return items.map((entry) => entry.key);
}

type Subjects = ReturnType<ProjectionContext['collection']>;

/**
 * The stream's subject when it is one aggregate's whose events concern people (learnt from its
 * opening event on). When an event names people the stream had not named, its earlier events are
 * filed under them too: a member nominated later sees the selection from its opening.
 */
async function streamSubject(event: RecordedEvent, mentions: Mentions, books: readonly string[], context: ProjectionContext): Promise<StreamSubject | undefined> {
  const subjects = context.collection<StreamDoc>(AUDIT_SUBJECTS);
  const id = `stream/${event.stream}`;
  if (event.revision === 0 && !PEOPLE_AGGREGATE_OPENINGS.has(event.type)) return undefined;
  const known = event.revision === 0 ? undefined : (await subjects.findById(id))?.subject;
  if (event.revision > 0 && !known) return undefined;
  const learned = learnStreamSubject(event as unknown as IndexedEvent, mentions, known, books);
  if (!learned) return known;
  await subjects.replace({ _id: id, kind: 'stream', subject: learned });
  const newKeys = known ? keysForNewPeople(known, learned) : [];
  if (newKeys.length > 0) {
    const entries = context.collection<AuditEntry>(AUDIT_ENTRIES);
    const earlier = new Map<number, AuditEntry>();
    for (const entry of await findAll(entries, { stream: event.stream })) if (entry.position < event.position) earlier.set(entry.position, entry);
    for (const entry of earlier.values()) {
      for (const key of newKeys) await entries.replace({ ...entry, _id: `${key}|${entry.position}`, key });
    }
  }
  return learned;
}

/** Remembers which books each pledger holds in the pledge's year. */
async function rememberBooks(subject: PledgeSubject, subjects: Subjects): Promise<void> {
  for (const memberId of subject.memberIds) {
    const id = booksKey(subject.bureauId, memberId, subject.year);
    const doc = (await subjects.findById(id)) as BooksDoc | undefined;
    if (doc?.pledgeIds.includes(subject.pledgeId)) continue;
    await subjects.replace({ _id: id, kind: 'books', pledgeIds: [...(doc?.pledgeIds ?? []), subject.pledgeId] });
  }
}

/** A reward grounded on a final result: the books its members pledged in its years. */
async function resultBooks(event: RecordedEvent, mentions: Mentions, subjects: Subjects): Promise<string[]> {
  if (!mentions.resultBasis) return [];
  const bureauId = bureauOf(event as unknown as IndexedEvent, mentions);
  const books = new Set<string>();
  for (const memberId of mentions.memberIds) {
    for (const year of mentions.years) {
      const doc = (await subjects.findById(booksKey(bureauId, memberId, year))) as BooksDoc | undefined;
      for (const pledgeId of doc?.pledgeIds ?? []) books.add(pledgeId);
    }
  }
  return [...books];
}

/**
 * The audit index: for every event of every service's streams, the subjects it concerns
 * (pledges, members' years, branches' years, bureaus' years, its correlation) → where it is
 * (stream, revision, global position). Entries only point: timelines read the events themselves
 * from the store. It learns the bureau hierarchy and each pledge's year and pledgers on the way.
 */
export const auditIndexProjection: Projection = {
  name: 'audit-index',
  version: 3,
  collections: [AUDIT_ENTRIES, AUDIT_SUBJECTS],
  filter: {},
  async apply(event, context) {
    if (event.stream.startsWith(AUDIT_STREAM_PREFIX)) {
      // The audit logs are not indexed, only listed (for their retention): an anchor stays when the opening entry is gone.
      if (event.stream.startsWith(AUDIT_LOG_PREFIX) && (event.revision === 0 || event.type === AUDIT_LOG_PRUNED)) {
        await context.collection<AuditLogDoc>(AUDIT_SUBJECTS).replace({ _id: `auditlog/${event.stream}`, kind: 'audit-log', stream: event.stream });
      }
      return;
    }
    const indexed = event as unknown as IndexedEvent;
    const mentions = mentionsOf(event.data);
    const subjects = context.collection<PledgeDoc | BureauDoc>(AUDIT_SUBJECTS);
    if (mentions.bureauIds.length === 1 && (event.type === 'BureauRegistered' || mentions.parentBureauId)) {
      const bureauId = mentions.bureauIds[0]!;
      await subjects.replace({ _id: `bureau/${bureauId}`, kind: 'bureau', bureauId, parentBureauId: mentions.parentBureauId ?? null });
    }
    const pledges: PledgeSubject[] = [];
    for (const pledgeId of pledgeIdsOf(indexed, mentions)) {
      const known = (await subjects.findById(`pledge/${pledgeId}`)) as PledgeDoc | undefined;
      const learned = learnPledgeSubject(indexed, mentions, known?.subject);
      if (learned) {
        await subjects.replace({ _id: `pledge/${pledgeId}`, kind: 'pledge', subject: learned });
        await rememberBooks(learned, subjects);
      }
      const subject = learned ?? known?.subject;
      if (subject) pledges.push(subject);
    }
    const inherited = pledges.length === 0 && mentions.pledgeIds.length === 0 && mentions.memberIds.length === 0 ? await causeKeys(event, context) : [];
    const books = await resultBooks(event, mentions, subjects);
    const stream = await streamSubject(event, mentions, books, context);
    const entries = context.collection<AuditEntry>(AUDIT_ENTRIES);
    for (const key of indexKeys(indexed, mentions, pledges, { causeKeys: inherited, ...(stream ? { stream } : {}), resultBooks: books })) {
      await entries.replace({ _id: `${key}|${event.position}`, key, position: event.position, stream: event.stream, revision: event.revision, eventId: event.id, bureauId: event.metadata.bureauId, recordedAt: event.recordedAt });
    }
  },
};
