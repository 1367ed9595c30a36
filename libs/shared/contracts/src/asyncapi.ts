import { cloudEventEnvelopeSchema } from './envelope.schema';
import type { EventContract } from './json-schema';

const messageName = (type: string) => type.replace(/^pledgebook\./, '').replace(/[.-]/g, '_');

/**
 * The AsyncAPI 3.0 document for the bus, generated from the registered contracts so it cannot
 * drift from what is validated. `npm run contracts:asyncapi` writes it; a test checks it is current.
 */
export function buildAsyncApi(contracts: readonly EventContract[], version: string, topics: readonly string[] = []): Record<string, unknown> {
  const byTopic = new Map<string, EventContract[]>(topics.map((t) => [t, []]));
  for (const contract of [...contracts].sort((a, b) => a.type.localeCompare(b.type))) {
    byTopic.set(contract.topic, [...(byTopic.get(contract.topic) ?? []), contract]);
  }
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [topic, list] of [...byTopic.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const channelId = topic.replace(/\./g, '_');
    channels[channelId] = {
      address: topic,
      description: `Kafka topic; message key = aggregate id (per-aggregate order). Poison messages are parked in \`${topic}.dlq\`.`,
      messages: Object.fromEntries(list.map((c) => [messageName(c.type), { $ref: `#/components/messages/${messageName(c.type)}` }])),
    };
    operations[`receive_${channelId}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `Subscribe to ${topic}`,
    };
    for (const contract of list) {
      messages[messageName(contract.type)] = {
        name: contract.type,
        title: contract.type,
        summary: contract.summary,
        contentType: 'application/cloudevents+json',
        payload: {
          schemaFormat: 'application/schema+json;version=draft-2020-12',
          schema: {
            allOf: [
              { $ref: '#/components/schemas/CloudEventEnvelope' },
              { type: 'object', properties: { type: { const: contract.type }, data: contract.dataSchema } },
            ],
          },
        },
      };
    }
  }
  const { $schema: _ignored, $id: _id, ...envelope } = cloudEventEnvelopeSchema;
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Pledgebook integration events',
      version,
      description:
        'CloudEvents 1.0 in structured JSON mode. Delivery is at-least-once: deduplicate by `id`. Breaking changes get a new major version in the type name, and both versions are published during a migration.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { schemas: { CloudEventEnvelope: envelope }, messages },
  };
}
