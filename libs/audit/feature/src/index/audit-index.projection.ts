import {
  AUDIT_STREAM_PREFIX,
  indexKeys,
  learnPledgeSubject,
  mentionsOf,
  pledgeIdsOf,
  type IndexedEvent,
  type PledgeSubject,
} from '@pledgebook/audit-domain';
import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { AUDIT_ENTRIES, AUDIT_SUBJECTS, type AuditEntry, type BureauDoc, type PledgeDoc } from './audit-index.views';

async function causeKeys(event: RecordedEvent, context: ProjectionContext): Promise<string[]> {
  const { causationId, correlationId } = event.metadata;
  // A request's first events are caused by the request itself (causation = correlation): no event to follow.
  if (!causationId || causationId === correlationId) return [];
  const { items } = await context.collection<AuditEntry>(AUDIT_ENTRIES).find({ eventId: causationId }, { limit: 200 });
  return items.map((entry) => entry.key);
}

/**
 * The audit index: for every event of every service's streams, the subjects it concerns
 * (pledges, members' years, branches' years, bureaus' years, its correlation) → where it is
 * (stream, revision, global position). Entries only point: timelines read the events themselves
 * from the store. It learns the bureau hierarchy and each pledge's year and pledgers on the way.
 */
export const auditIndexProjection: Projection = {
  name: 'audit-index',
  version: 1,
  collections: [AUDIT_ENTRIES, AUDIT_SUBJECTS],
  filter: {},
  async apply(event, context) {
    if (event.stream.startsWith(AUDIT_STREAM_PREFIX)) return;
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
      if (learned) await subjects.replace({ _id: `pledge/${pledgeId}`, kind: 'pledge', subject: learned });
      const subject = learned ?? known?.subject;
      if (subject) pledges.push(subject);
    }
    const inherited = pledges.length === 0 && mentions.pledgeIds.length === 0 && mentions.memberIds.length === 0 ? await causeKeys(event, context) : [];
    const entries = context.collection<AuditEntry>(AUDIT_ENTRIES);
    for (const key of indexKeys(indexed, mentions, pledges, inherited)) {
      await entries.replace({ _id: `${key}|${event.position}`, key, position: event.position, stream: event.stream, revision: event.revision, eventId: event.id, recordedAt: event.recordedAt });
    }
  },
};
