import { dataSchemaUri, eventSource, type CloudEvent } from '@pledgebook/contracts';
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
