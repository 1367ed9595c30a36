import type { CommandBus } from '@nestjs/cqrs';
import type { DispatchEvent, TalkCommand } from '@pledgebook/appraisal-domain';
import type { Policy, RecordedEvent } from '@pledgebook/event-store';
import type { CommandMeta } from '@pledgebook/nest';
import { talkIdFor } from '../context/event-facts';
import { STREAM_PREFIXES, talkAggregateId } from '../streams';
import { DecideAppraisal } from '../write/decide-appraisal';

/**
 * Every member a quarterly dispatch found behind (and did not leave out) gets a reminder talk to
 * hold by its due date. The talk's id and its event's id follow from the dispatch event and the
 * member, so handling the event again after a crash schedules nothing twice.
 */
export function scheduleTalksPolicy(commands: CommandBus): Policy {
  return {
    name: 'appraisal-service.schedule-talks',
    filter: { streamPrefixes: [STREAM_PREFIXES.dispatch], eventTypes: ['QuarterlyDispatchHeld'] },
    async handle(event: RecordedEvent) {
      const held = event.data as DispatchEvent['data'];
      for (const due of held.talksDue) {
        const talkId = talkIdFor(event.id, due.memberId);
        const meta: CommandMeta = {
          bureauId: held.bureauId,
          actorId: event.metadata.actorId,
          actorRole: 'system',
          correlationId: event.metadata.correlationId,
          causationId: event.id,
          idempotencySeed: `schedule-talk|${event.id}|${due.memberId}`,
        };
        const command: TalkCommand = {
          type: 'ScheduleReminderTalk',
          talkId,
          bureauId: held.bureauId,
          branchId: held.branchId,
          memberId: due.memberId,
          year: held.year,
          quarter: held.quarter,
          scheduledOn: held.meeting.date,
          dueOn: due.dueOn,
          items: due.items,
          at: event.recordedAt,
        };
        await commands.execute(new DecideAppraisal('talk', talkAggregateId(held.bureauId, talkId), command, meta));
      }
    },
  };
}
