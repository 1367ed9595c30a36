import type { CloudEvent } from '@pledgebook/contracts';
import type { EventStore, NewEvent, RecordedEvent } from '@pledgebook/event-store';
import { deterministicId } from '@pledgebook/util';

/** The event a service records when it takes in another service's integration event. */
export const INTEGRATION_EVENT_RECORDED = 'IntegrationEventRecorded';

/** What is kept of an integration event: enough to read it again, and to trace it to its source. */
export interface RecordedIntegrationEvent {
  sourceEventId: string;
  sourceType: string;
  source: string;
  subject?: string;
  time: string;
  bureauId: string;
  data: Record<string, unknown>;
}

/**
 * Records an integration event in one of the consumer's own streams, so every view it builds from
 * such events rebuilds from its event store, whatever the bus still retains (ADR 0019). The id
 * follows from the message id and the consumer, so a redelivery is the same append.
 */
export async function recordIntegrationEvent(events: EventStore, stream: string, consumer: string, event: CloudEvent): Promise<void> {
  await events.append(stream, [recordedEvent(consumer, event)], { expectedRevision: 'any' });
}

/**
 * Records a batch of integration events, each in the stream `streamOf` names for it (none: not
 * kept): one append per stream, in the batch's order. Appending events recorded before fails the
 * append as a whole (nothing partial); the consumer runner then records them one at a time, where
 * each repeat is a no-op.
 */
export async function recordIntegrationEvents(events: EventStore, consumer: string, batch: readonly CloudEvent[], streamOf: (event: CloudEvent) => string | undefined): Promise<void> {
  const byStream = new Map<string, NewEvent[]>();
  for (const event of batch) {
    const stream = streamOf(event);
    if (stream === undefined) continue;
    let list = byStream.get(stream);
    if (!list) byStream.set(stream, (list = []));
    list.push(recordedEvent(consumer, event));
  }
  for (const [stream, list] of byStream) await events.append(stream, list, { expectedRevision: 'any' });
}

function recordedEvent(consumer: string, event: CloudEvent): NewEvent {
  const recorded: RecordedIntegrationEvent = {
    sourceEventId: event.id,
    sourceType: event.type,
    source: event.source,
    ...(event.subject ? { subject: event.subject } : {}),
    time: event.time ?? new Date().toISOString(),
    bureauId: event.bureauid,
    data: (event.data ?? {}) as Record<string, unknown>,
  };
  return {
    id: deterministicId(`${consumer}|${event.id}`),
    type: INTEGRATION_EVENT_RECORDED,
    data: recorded,
    metadata: { bureauId: event.bureauid, actorId: event.actorid, actorRole: 'system', correlationId: event.correlationid, causationId: event.id },
  };
}

/** The integration event behind a recorded one (undefined for any other event). */
export function recordedIntegrationEvent(event: RecordedEvent): RecordedIntegrationEvent | undefined {
  return event.type === INTEGRATION_EVENT_RECORDED ? (event.data as RecordedIntegrationEvent) : undefined;
}
