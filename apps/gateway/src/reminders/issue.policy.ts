import type { EventStore, Policy, RecordedEvent } from '@pledgebook/event-store';
import { findAll, type ReadModelStore } from '@pledgebook/read-model';
import { deterministicId, sleep } from '@pledgebook/util';
import type { Audience } from './domain/kinds';
import { plansFor } from './domain/plan';
import { BOOKS, MEMBERS, type BookDoc, type MemberDoc } from './directory.projection';
import { factInput } from './fact-input';
import type { PersonWrites } from './person-writes';
import { bureauOfFactsStream, FACTS_STREAM_PREFIX, ISSUE_POLICY } from './streams';

/** How long a returned book waits for its pledgers to be known before it reminds nobody. */
const BOOK_WAIT_MS = 30_000;

export interface IssuePorts {
  events: EventStore;
  views: ReadModelStore;
  writes: PersonWrites;
  /** The directory projection's checkpoint: the view holds every fact up to it. */
  directoryCheckpoint(): Promise<number | undefined>;
}

/**
 * Each fact's reminders go into the streams of the people it concerns. The reminder's id follows
 * from the fact, the kind and the person, so a fact handled again (restart, redelivery) issues
 * nothing twice; a muted kind issues nothing.
 */
export function issueRemindersPolicy(ports: IssuePorts): Policy {
  return {
    name: ISSUE_POLICY,
    filter: { streamPrefixes: [FACTS_STREAM_PREFIX] },
    async handle(event: RecordedEvent) {
      const input = factInput(event);
      const plans = input ? plansFor(input) : [];
      if (plans.length === 0) return;
      const bureauId = bureauOfFactsStream(event.stream);
      await untilDirectoryHolds(ports, event.position);
      for (const plan of plans) {
        for (const memberId of await resolve(ports.views, bureauId, plan.audience)) {
          const reminderId = deterministicId(`${event.id}|${plan.kind}|${memberId}`);
          await ports.writes.handle(
            bureauId,
            memberId,
            { type: 'IssueReminder', reminderId, kind: plan.kind, content: plan.content, factId: event.id, at: event.recordedAt },
            { bureauId, actorId: 'system', actorRole: 'system', correlationId: event.metadata.correlationId, causationId: event.id },
            `issue|${reminderId}`,
          );
        }
      }
    },
  };
}

/** The people an audience names, in the fact's bureau. */
async function resolve(views: ReadModelStore, bureauId: string, audience: Audience): Promise<string[]> {
  const members = views.collection<MemberDoc>(MEMBERS);
  switch (audience.type) {
    case 'members':
      return audience.memberIds;
    case 'pledgers': {
      // The book's pledgers come from another topic (or the review's stream): give them a moment to arrive.
      for (let waited = 0; waited < BOOK_WAIT_MS; waited += 200) {
        const book = await views.collection<BookDoc>(BOOKS).findById(audience.pledgeId);
        if (book) return book.memberIds;
        await sleep(200);
      }
      return [];
    }
    case 'bureau':
      return (await findAll(members, { bureauId })).map((m) => m.memberId);
    case 'role': {
      const where = audience.role === 'group-leader' ? { groupId: audience.groupId } : audience.role === 'branch-secretary' ? { branchId: audience.branchId } : {};
      return (await findAll(members, { bureauId, roles: audience.role, ...where })).map((m) => m.memberId);
    }
  }
}

/** Waits until no fact at or before `position` is missing from the directory view. */
async function untilDirectoryHolds(ports: IssuePorts, position: number): Promise<void> {
  for (;;) {
    const applied = await ports.directoryCheckpoint();
    if (applied !== undefined && applied >= position) return;
    const next = await ports.events.readAll({ ...(applied !== undefined ? { after: applied } : {}), maxCount: 1, filter: { streamPrefixes: [FACTS_STREAM_PREFIX] } });
    const first = next.events[0];
    if (!first || first.position > position) return;
    await sleep(50);
  }
}
