import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, Policy, RecordedEvent } from '@pledgebook/event-store';
import type { CommandMeta } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { sleep } from '@pledgebook/util';
import { ChangePledge } from '../pledges/pledge.commands';
import type { PledgeView } from '../projections/pledge-view';
import { PLEDGES } from '../projections/pledges.projection';

export interface CloseYearPolicyPorts {
  events: EventStore;
  views: ReadModelStore;
  commands: CommandBus;
  /** The pledges projection's checkpoint: the view holds every pledge event up to it. */
  pledgesCheckpoint(): Promise<number | undefined>;
}

/**
 * A year closed in a bureau's directory closes every open pledge book of that year. The books
 * come from the pledges view once it holds every pledge event recorded before the year closed;
 * each close derives its event id from the YearClosed event, so running again closes nothing twice.
 */
export function closeYearPolicy(ports: CloseYearPolicyPorts): Policy {
  return {
    name: 'pledge-service.close-year',
    filter: { streamPrefixes: ['directory-'], eventTypes: ['YearClosed'] },
    async handle(event: RecordedEvent) {
      const { year } = event.data as { year: number };
      const bureauId = event.stream.slice('directory-'.length);
      await untilViewHolds(ports, event.position);
      const meta: CommandMeta = {
        bureauId,
        actorId: event.metadata.actorId,
        actorRole: event.metadata.actorRole,
        correlationId: event.metadata.correlationId,
        causationId: event.id,
      };
      let cursor: string | undefined;
      do {
        const page = await ports.views.collection<PledgeView>(PLEDGES).find({ bureauId, year, status: { $nin: ['closed', 'withdrawn'] } }, { limit: 200, ...(cursor ? { cursor } : {}) });
        for (const pledge of page.items) {
          await ports.commands.execute(new ChangePledge(pledge.pledgeId, { type: 'ClosePledge', year }, { ...meta, idempotencySeed: `close-year|${event.id}|${pledge.pledgeId}` }));
        }
        cursor = page.nextCursor;
      } while (cursor);
    },
  };
}

/** Waits until no pledge event at or before `position` is missing from the pledges view. */
async function untilViewHolds(ports: CloseYearPolicyPorts, position: number): Promise<void> {
  for (;;) {
    const applied = await ports.pledgesCheckpoint();
    const next = await ports.events.readAll({ ...(applied !== undefined ? { after: applied } : {}), maxCount: 1, filter: { streamPrefixes: ['pledge-'] } });
    const first = next.events[0];
    if (!first || first.position > position) return;
    await sleep(50);
  }
}
