import type { TalkEvent } from '@pledgebook/appraisal-domain';
import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { aggregateOf, STREAM_PREFIXES } from '../streams';
import { TALKS, type TalkView } from './names';

/** Reminder talks due, held and cancelled — without what was said (personal data stays in the talk's stream). */
export const talksProjection: Projection = {
  name: 'appraisal-talks',
  version: 1,
  collections: [TALKS],
  filter: { streamPrefixes: [STREAM_PREFIXES.talk] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const id = aggregateOf(event.stream)!.aggregateId;
    const guard = { stream: event.stream, revision: event.revision };
    const e = { type: event.type, data: event.data } as TalkEvent;
    const talks = ctx.collection<TalkView>(TALKS);
    switch (e.type) {
      case 'ReminderTalkScheduled': {
        const { talkId, bureauId, branchId, memberId, year, quarter, scheduledOn, dueOn, items } = e.data;
        await talks.replace({ _id: id, talkId, bureauId, branchId, memberId, year, quarter, scheduledOn, dueOn, items: items.length, status: 'scheduled' }, guard);
        return;
      }
      case 'ReminderTalkHeld': {
        const { heldOn, late, followUpOn, talkedBy } = e.data;
        await talks.update(id, { $set: { status: 'held', heldOn, late, followUpOn, talkedBy } }, { guard });
        return;
      }
      case 'ReminderTalkCancelled':
        await talks.update(id, { $set: { status: 'cancelled' } }, { guard });
        return;
    }
  },
};
