import { exampleEvent } from './asyncapi-examples';
import { outsideSubscriptionParts } from './asyncapi-outside';
import { cloudEventEnvelopeSchema } from './envelope.schema';
import type { EventContract } from './json-schema';
import { deadLetterTopic } from './topics';

const messageName = (type: string) => type.replace(/^pledgebook\./, '').replace(/[.-]/g, '_');
/** `pledgebook.pledge.v1` → `pledge-service`: each context's service is the only writer of its topic. */
const publisherOf = (topic: string) => `${topic.split('.')[1]}-service`;

const CONTENT_TYPE = 'application/cloudevents+json';
const KAFKA_BINDING_VERSION = '0.5.0';
/** Partitions the bus creates a topic with (both adapters). */
const PARTITIONS = 4;

const servers = {
  kafka: {
    host: '{broker}',
    protocol: 'kafka',
    title: 'Kafka (distributed profile)',
    description:
      'The Kafka cluster the services publish to (`BUS_URL=kafka://host:9092,host:9092`). Outside systems subscribe with their own consumer group. ' +
      'The embedded profile (`BUS_URL=sqlite:…`, one machine) carries the same topics, keys, headers and messages in a SQLite file; it is not a server outside systems connect to.',
    variables: { broker: { default: 'localhost:9092', description: 'A bootstrap broker, `host:port` (the default is docker/compose.yaml).' } },
  },
};

/** Structured content mode of the CloudEvents Kafka protocol binding: the whole event is the value. */
const kafkaHeaders = {
  type: 'object',
  required: ['content-type'],
  properties: {
    'content-type': { type: 'string', const: CONTENT_TYPE, description: 'CloudEvents structured content mode (Kafka protocol binding 1.0, section 3.2).' },
  },
};

const messageBindings = {
  kafka: {
    key: { type: 'string', description: 'The aggregate id (pledge, member, org unit, bureau; a publication act: its branch), so one aggregate’s events keep their order.' },
    bindingVersion: KAFKA_BINDING_VERSION,
  },
};

/**
 * The AsyncAPI 3.0 document for the bus, generated from the registered contracts so it cannot
 * drift from what is validated. `npm run contracts:asyncapi` writes it; a test checks it is current
 * and valid (ADR 0034).
 */
export function buildAsyncApi(contracts: readonly EventContract[], version: string, topics: readonly string[] = [], options: { outside?: boolean } = {}): Record<string, unknown> {
  const byTopic = new Map<string, EventContract[]>(topics.map((t) => [t, []]));
  for (const contract of [...contracts].sort((a, b) => a.type.localeCompare(b.type))) {
    byTopic.set(contract.topic, [...(byTopic.get(contract.topic) ?? []), contract]);
  }
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [topic, list] of [...byTopic.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const channelId = topic.replace(/\./g, '_');
    const channel = { $ref: `#/channels/${channelId}` };
    channels[channelId] = {
      address: topic,
      title: topic,
      description: `Kafka topic; message key = aggregate id (per-aggregate order). Poison messages are parked in \`${deadLetterTopic(topic)}\`.${list.length ? '' : ' Nothing is published here yet.'}`,
      servers: [{ $ref: '#/servers/kafka' }],
      messages: Object.fromEntries(list.map((c) => [messageName(c.type), { $ref: `#/components/messages/${messageName(c.type)}` }])),
      bindings: { kafka: { topic, partitions: PARTITIONS, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    if (list.length) {
      operations[`send_${channelId}`] = {
        action: 'send',
        channel,
        title: `${publisherOf(topic)} publishes to ${topic}`,
        summary: `The ${publisherOf(topic)}'s relay publishes the events recorded in its event store (the outbox), at least once and in order per key.`,
        messages: list.map((c) => ({ $ref: `#/channels/${channelId}/messages/${messageName(c.type)}` })),
      };
    }
    operations[`receive_${channelId}`] = { action: 'receive', channel, summary: `Subscribe to ${topic}` };
    for (const contract of list) {
      messages[messageName(contract.type)] = {
        name: contract.type,
        title: contract.type,
        summary: contract.summary,
        contentType: CONTENT_TYPE,
        headers: { $ref: '#/components/schemas/KafkaHeaders' },
        correlationId: { $ref: '#/components/correlationIds/correlationid' },
        payload: {
          schemaFormat: 'application/schema+json;version=draft-2020-12',
          schema: {
            allOf: [
              { $ref: '#/components/schemas/CloudEventEnvelope' },
              { type: 'object', properties: { type: { const: contract.type }, data: contract.dataSchema } },
            ],
          },
        },
        bindings: messageBindings,
        examples: [{ name: 'example', summary: 'Illustrative values', headers: { 'content-type': CONTENT_TYPE }, payload: exampleEvent(contract) }],
      };
    }
  }
  const { $schema: _ignored, $id: _id, ...envelope } = cloudEventEnvelopeSchema;
  // Webhooks and the feed carry the same events to systems that cannot reach Kafka (ADR 0081).
  const outside = options.outside ? outsideSubscriptionParts(contracts, messageName) : undefined;
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Pledgebook integration events',
      version,
      description:
        'CloudEvents 1.0 in structured JSON mode. Delivery is at-least-once: deduplicate by `id`. Breaking changes get a new major version in the type name, and both versions are published during a migration. ' +
        'Extension attributes an intermediary adds (lower-case letters and digits, e.g. `traceparent`) are allowed beside Pledgebook’s own.' +
        (outside ? ' Systems that cannot reach Kafka receive the same events as signed webhooks (Standard Webhooks) or read them from the gateway’s event feed (the `webhook_*` and `feed` channels).' : ''),
    },
    defaultContentType: CONTENT_TYPE,
    servers: { ...servers, ...outside?.servers },
    channels: { ...channels, ...outside?.channels },
    operations: { ...operations, ...outside?.operations },
    components: {
      schemas: { CloudEventEnvelope: envelope, KafkaHeaders: kafkaHeaders, ...outside?.schemas },
      messages: { ...messages, ...outside?.messages },
      correlationIds: { correlationid: { description: 'The request that caused the event, shared by every event it caused.', location: '$message.payload#/correlationid' } },
    },
  };
}
