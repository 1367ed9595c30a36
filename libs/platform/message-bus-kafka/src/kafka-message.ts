import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { BusMessage, Headers, OutgoingMessage } from '@pledgebook/message-bus';

/** CloudEvents Kafka protocol binding, structured mode: the header names the event format. */
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

/** Our message as a Kafka record: the whole CloudEvent as JSON in the value, marked structured. */
export function toKafkaMessage(message: OutgoingMessage): Message {
  return {
    key: message.key,
    value: JSON.stringify(message.value),
    headers: { ...message.headers, 'content-type': STRUCTURED_CONTENT_TYPE },
  };
}

function headersOf(raw: IHeaders | undefined): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return headers;
}

export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): BusMessage {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key?.toString() ?? '',
    value: JSON.parse(message.value?.toString() ?? 'null'),
    headers: headersOf(message.headers),
  };
}
