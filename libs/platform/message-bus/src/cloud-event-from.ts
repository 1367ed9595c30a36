import { dataSchemaUri, eventSource, type CloudEvent, type EventData, type EventDefinition } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';

export interface IntegrationMessage {
  topic: string;
  key: string;
  value: CloudEvent;
}

/** Builds the CloudEvent for a recorded domain event: id, chain hash and actors carry over. */
export function cloudEventFrom<Data>(
  event: RecordedEvent,
  spec: { service: string; type: string; subject: string; data: Data },
): CloudEvent<Data> {
  return {
    specversion: '1.0',
    id: event.id,
    source: eventSource(event.metadata.bureauId, spec.service),
    type: spec.type,
    subject: spec.subject,
    time: event.recordedAt,
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(spec.type),
    data: spec.data,
    bureauid: event.metadata.bureauId,
    actorid: event.metadata.actorId,
    correlationid: event.metadata.correlationId,
    causationid: event.metadata.causationId,
    streamid: event.stream,
    streamrevision: event.revision,
    hash: event.hash,
  };
}

/**
 * The integration message for a recorded domain event, typed by its contract: the data must be
 * what the definition says, checked by the compiler here and by the schema on publish.
 */
export function integrationMessage<D extends EventDefinition>(
  event: RecordedEvent,
  definition: D,
  spec: { service: string; key: string; subject: string; data: EventData<D> },
): IntegrationMessage {
  return { topic: definition.topic, key: spec.key, value: cloudEventFrom(event, { service: spec.service, type: definition.type, subject: spec.subject, data: spec.data }) };
}
