import { Topics } from '@pledgebook/contracts';
import type { EventStore, Policy, RecordedEvent } from '@pledgebook/event-store';
import { recordIntegrationEvent, recordIntegrationEvents, type ContextConsumer } from '@pledgebook/nest';
import { deterministicId } from '@pledgebook/util';
import { RECORDED_TYPES, SERVICE_FACT_RECORDED } from './domain/facts';
import { SERVICE_STREAMS, serviceFactOf } from './domain/service-facts';
import { CONSUMER_GROUP, factsStream, SERVICE_FACTS_POLICY } from './streams';

const RECORDED = new Set<string>(Object.values(RECORDED_TYPES));

/** Takes the integration events the reminders follow from the bus into the gateway's facts streams. */
export function reminderFactsConsumer(events: EventStore): ContextConsumer {
  return {
    groupId: CONSUMER_GROUP,
    topics: [Topics.pledge, Topics.review, Topics.appraisal],
    types: [...RECORDED],
    async handle(event) {
      if (!RECORDED.has(event.type)) return;
      await recordIntegrationEvent(events, factsStream(event.bureauid), CONSUMER_GROUP, event);
    },
    // A batch in one append per bureau: the policies that follow then wake once for it, not once an event.
    handleBatch: (batch) => recordIntegrationEvents(events, CONSUMER_GROUP, batch, (event) => (RECORDED.has(event.type) ? factsStream(event.bureauid) : undefined)),
  };
}

/**
 * What the bus does not carry — review stages and deadlines, reminder talks, objections decided —
 * is copied from the services' streams in the shared store, only the fields a reminder needs
 * (ADR 0072). The id follows from the source event, so a second pass appends nothing.
 */
export function serviceFactsPolicy(events: EventStore): Policy {
  return {
    name: SERVICE_FACTS_POLICY,
    filter: { streamPrefixes: [...SERVICE_STREAMS.prefixes], eventTypes: [...SERVICE_STREAMS.types] },
    async handle(event: RecordedEvent) {
      const fact = serviceFactOf(event.stream, event.type, event.data as Record<string, unknown>, event.recordedAt);
      const bureauId = event.metadata.bureauId;
      if (!fact || !bureauId) return;
      await events.append(
        factsStream(bureauId),
        [
          {
            id: deterministicId(`${SERVICE_FACTS_POLICY}|${event.id}`),
            type: SERVICE_FACT_RECORDED,
            data: { ...fact, sourceEventId: event.id, sourceStream: event.stream },
            metadata: { bureauId, actorId: event.metadata.actorId, actorRole: 'system', correlationId: event.metadata.correlationId, causationId: event.id },
          },
        ],
        { expectedRevision: 'any' },
      );
    },
  };
}
