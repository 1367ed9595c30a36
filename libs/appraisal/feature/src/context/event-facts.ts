import { Inject, Injectable } from '@nestjs/common';
import { statusFactsOf, type DispatchEvent, type ItemStatusFact, type MonthlyCheckEvent, type Quarter, type TalkFact } from '@pledgebook/appraisal-domain';
import { readStreamsOf, type EventStore } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { deterministicId } from '@pledgebook/util';
import { checkId, dispatchId, streamOf } from '../streams';

/** A reminder talk's id: one per dispatch event and member, so a redelivered dispatch schedules nothing twice. */
export const talkIdFor = (dispatchEventId: string, memberId: string) => deterministicId(`reminder-talk|${dispatchEventId}|${memberId}`);

/**
 * Facts read from the context's own streams, where they are recorded (not from views, which
 * may lag): item statuses from the monthly checks, reminder talks from the dispatches.
 */
@Injectable()
export class EventFacts {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  /**
   * Item statuses the groups' checks of these months recorded, month by month, each in stream order
   * (corrections after their checks). Every check stream is read at once (one snapshot).
   */
  async statuses(bureauId: string, groupIds: Iterable<string>, months: readonly string[]): Promise<ItemStatusFact[]> {
    const groups = [...new Set(groupIds)].sort();
    const streams = [...months].sort().flatMap((month) => groups.map((groupId) => streamOf('check', checkId(bureauId, groupId, month))));
    const byStream = await readStreamsOf(this.events, streams);
    const facts: ItemStatusFact[] = [];
    for (const stream of streams) {
      for (const e of byStream.get(stream) ?? []) {
        for (const fact of statusFactsOf({ type: e.type, data: e.data } as MonthlyCheckEvent, e.id)) facts.push(fact);
      }
    }
    return facts;
  }

  /** The reminder talks the branches' dispatches of these quarters scheduled, citing the dispatch events. */
  async talks(bureauId: string, branchIds: Iterable<string>, year: number, quarters: readonly Quarter[]): Promise<Array<TalkFact & { memberId: string }>> {
    const places = [...new Set(branchIds)].sort().flatMap((branchId) => quarters.map((quarter) => ({ quarter, stream: streamOf('dispatch', dispatchId(bureauId, branchId, year, quarter)) })));
    const byStream = await readStreamsOf(
      this.events,
      places.map((p) => p.stream),
    );
    const talks: Array<TalkFact & { memberId: string }> = [];
    for (const { quarter, stream } of places) {
      for (const e of byStream.get(stream) ?? []) {
        const held = { type: e.type, data: e.data } as DispatchEvent;
        for (const due of held.data.talksDue) talks.push({ eventId: e.id, talkId: talkIdFor(e.id, due.memberId), year, quarter, memberId: due.memberId });
      }
    }
    return talks;
  }
}
