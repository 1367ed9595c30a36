import type { CloudEvent } from '@pledgebook/contracts';
import type { EventStore, NewEvent } from '@pledgebook/event-store';
import { deterministicId } from '@pledgebook/nest';
import { factsStream } from '../streams';
import type { PledgeFact } from './pledge-events';

/** The event this service records when it learns a fact from the pledge service. */
export const FACT_RECORDED = 'PledgeServiceFactRecorded';

/** What is kept of the integration event: enough to read it again as a fact, and to trace it. */
export interface RecordedFact {
  sourceEventId: string;
  sourceType: string;
  time: string;
  bureauId: string;
  data: Record<string, unknown>;
}

/** Whether a fact is kept in this service's own streams (its views are built from them). */
export const isRecordedFact = (fact: PledgeFact) => fact.kind === 'member' || fact.kind === 'org-unit' || fact.kind === 'bureau' || fact.kind === 'drafted';

/**
 * Records a fact in the bureau's facts stream. The event id follows from the message id, so a
 * redelivered message appends nothing new (the store treats the repeat as the same append).
 */
export async function recordFact(events: EventStore, event: CloudEvent, meta: { actorId: string; correlationId: string }): Promise<void> {
  const fact: RecordedFact = { sourceEventId: event.id, sourceType: event.type, time: event.time ?? new Date().toISOString(), bureauId: event.bureauid, data: (event.data ?? {}) as Record<string, unknown> };
  const recorded: NewEvent = {
    id: deterministicId(`review-fact|${event.id}`),
    type: FACT_RECORDED,
    data: fact as unknown as Record<string, unknown>,
    metadata: { bureauId: event.bureauid, actorId: meta.actorId, actorRole: 'system', correlationId: meta.correlationId, causationId: event.id },
  };
  await events.append(factsStream(event.bureauid), [recorded], { expectedRevision: 'any' });
}

/** The integration event a recorded fact came from, as the fact reader takes it. */
export function sourceEventOf(fact: RecordedFact): CloudEvent {
  return { specversion: '1.0', id: fact.sourceEventId, type: fact.sourceType, source: `/bureaus/${fact.bureauId}/pledge-service`, time: fact.time, bureauid: fact.bureauId, data: fact.data } as unknown as CloudEvent;
}
