import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILE, asyncApiDocument } from './asyncapi-document';
import { buildAsyncApi } from './asyncapi';
import { EVENT_CATALOG } from './catalog';
import { ContractRegistry } from './contract-registry';
import type { EventContract } from './json-schema';
import { Topics } from './topics';

interface Document {
  asyncapi: string;
  servers: Record<string, { protocol: string }>;
  channels: Record<string, { address: string | null; messages: Record<string, { $ref: string }>; bindings: { kafka: { topic: string; partitions: number } } }>;
  operations: Record<string, { action: string; channel: { $ref: string }; messages?: Array<{ $ref: string }>; bindings?: { http?: { method: string; query?: { properties: Record<string, unknown> } } }; reply?: { messages: Array<{ $ref: string }> } }>;
  components: {
    schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    messages: Record<
      string,
      { name: string; headers: { $ref: string }; payload: { schema: unknown; oneOf?: Array<{ $ref: string }>; $ref?: string }; examples: Array<{ headers: Record<string, string>; payload: unknown }> }
    >;
  };
}

const checkedIn = (): Document => JSON.parse(readFileSync(join(__dirname, '..', ASYNCAPI_FILE), 'utf8'));

/** What @asyncapi/parser (the AsyncAPI initiative's own validator) finds wrong: errors and warnings. */
async function problems(document: object): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  return diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => `${d.code} ${d.message} @ ${d.path.join('/')}`);
}

const contract: EventContract = {
  type: 'pledgebook.pledge.pledge-submitted.v1',
  topic: Topics.pledge,
  summary: 'A member submitted a pledge book.',
  dataSchema: { type: 'object', required: ['pledgeId', 'year'], properties: { pledgeId: { type: 'string' }, year: { type: 'integer', minimum: 2000 } }, additionalProperties: false },
};

describe('AsyncAPI document', () => {
  it('describes every topic and message with its schema', () => {
    const doc = buildAsyncApi([contract], '1.2.3', [Topics.pledge, Topics.review]) as unknown as Document;
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual([Topics.pledge, Topics.review]);
    expect(doc.components.messages['pledge_pledge_submitted_v1']?.name).toBe(contract.type);
    expect(JSON.stringify(doc.components.messages['pledge_pledge_submitted_v1']?.payload.schema)).toContain('"minimum":2000');
  });

  it('is checked in as generated (run `npm run contracts:asyncapi` after changing a schema)', () => {
    expect(readFileSync(join(__dirname, '..', ASYNCAPI_FILE), 'utf8')).toBe(asyncApiDocument());
  });

  it('is a valid AsyncAPI 3.0 document', async () => {
    expect(await problems(checkedIn())).toEqual([]);
  }, 30_000);

  it('the validator refuses a send operation whose message is not on its channel, and a malformed Kafka binding', async () => {
    const doc = checkedIn();
    const review = Object.keys(doc.channels.pledgebook_review_v1!.messages)[0]!;
    doc.operations.send_pledgebook_pledge_v1!.messages = [{ $ref: `#/channels/pledgebook_review_v1/messages/${review}` }];
    (doc.channels.pledgebook_pledge_v1!.bindings.kafka as { partitions: unknown }).partitions = 'four';
    const found = await problems(doc);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^asyncapi3-operation-messages-from-referred-channel/), expect.stringMatching(/partitions.*integer/)]));
  }, 30_000);

  it('names the Kafka server and binds every channel to its topic', () => {
    const doc = checkedIn();
    expect(doc.servers.kafka?.protocol).toBe('kafka');
    for (const channel of Object.values(doc.channels).filter((c) => !c.address?.startsWith('/') && c.address !== null)) expect(channel.bindings.kafka).toMatchObject({ topic: channel.address, partitions: 4 });
  });

  it('has a send operation for every topic Pledgebook publishes, listing exactly its messages', () => {
    const doc = checkedIn();
    const published = [...new Set(EVENT_CATALOG.map((c) => c.topic))].sort();
    const onKafka = (o: { channel: { $ref: string } }) => doc.channels[o.channel.$ref.split('/').pop()!]!.bindings?.kafka !== undefined;
    const sends = Object.values(doc.operations).filter((o) => o.action === 'send' && onKafka(o));
    expect(sends.map((o) => doc.channels[o.channel.$ref.split('/').pop()!]!.address).sort()).toEqual(published);
    for (const send of sends) {
      const channelId = send.channel.$ref.split('/').pop()!;
      expect(send.messages?.map((m) => m.$ref).sort()).toEqual(Object.keys(doc.channels[channelId]!.messages).map((name) => `#/channels/${channelId}/messages/${name}`).sort());
    }
  });

  it('sets the structured-mode content-type header on every message, and every example is a valid event', () => {
    const doc = checkedIn();
    const registry = new ContractRegistry(EVENT_CATALOG);
    expect(doc.components.schemas.KafkaHeaders?.properties['content-type']).toMatchObject({ const: 'application/cloudevents+json' });
    const messages = Object.entries(doc.components.messages)
      .filter(([name]) => !name.startsWith('webhook_') && !name.startsWith('webhookBatch_') && !name.startsWith('feed'))
      .map(([, m]) => m);
    expect(messages).toHaveLength(EVENT_CATALOG.length);
    for (const message of messages) {
      expect(message.headers).toEqual({ $ref: '#/components/schemas/KafkaHeaders' });
      expect(message.examples).toHaveLength(1);
      expect(message.examples[0]!.headers).toEqual({ 'content-type': 'application/cloudevents+json' });
      expect(() => registry.validate(message.examples[0]!.payload)).not.toThrow();
    }
  });

  describe('for systems that cannot reach Kafka', () => {
    const published = [...new Set(EVENT_CATALOG.map((c) => c.topic))].sort();

    it('describes a webhook delivery per published topic: POSTed with the Standard Webhooks headers, its body any event of the topic', () => {
      const doc = checkedIn();
      expect(doc.components.schemas.WebhookHeaders?.required).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type']);
      for (const topic of published) {
        const id = `webhook_${topic.replace(/\./g, '_')}`;
        expect(doc.channels[id]).toMatchObject({ address: null, messages: { [id]: { $ref: `#/components/messages/${id}` } } });
        expect(doc.operations[`send_${id}`]).toMatchObject({ action: 'send', bindings: { http: { method: 'POST' } } });
        const message = doc.components.messages[id]!;
        expect(message.headers).toEqual({ $ref: '#/components/schemas/WebhookHeaders' });
        const types = message.payload.oneOf!.map((ref) => doc.components.messages[ref.$ref.split('/')[3]!]!.name);
        expect(types).toEqual(EVENT_CATALOG.filter((c) => c.topic === topic).map((c) => c.type).sort());
        // A target with `batch`: the same channel carries batched deliveries, an array of the same events.
        const batchId = `webhookBatch_${topic.replace(/\./g, '_')}`;
        expect(doc.channels[id]!.messages![batchId]).toEqual({ $ref: `#/components/messages/${batchId}` });
        const batch = doc.components.messages[batchId]! as unknown as { contentType: string; headers: unknown; payload: { type: string; items: { oneOf: Array<{ $ref: string }> } } };
        expect({ contentType: batch.contentType, headers: batch.headers, type: batch.payload.type }).toEqual({ contentType: 'application/cloudevents-batch+json', headers: { $ref: '#/components/schemas/WebhookBatchHeaders' }, type: 'array' });
        expect(batch.payload.items.oneOf).toEqual(message.payload.oneOf);
      }
    });

    it('describes the feed: GET with cursor, since, limit and wait, answered by a page of CloudEvents and the next cursor', () => {
      const doc = checkedIn();
      expect(doc.channels.feed?.address).toBe('/api/v1/subscriptions/{subscriptionId}/events');
      const read = doc.operations.receive_feed!;
      expect(read.bindings?.http?.method).toBe('GET');
      expect(Object.keys(read.bindings?.http?.query?.properties ?? {})).toEqual(['cursor', 'since', 'limit', 'wait']);
      expect(read.reply?.messages).toEqual([{ $ref: '#/channels/feed/messages/feedPage' }]);
      expect(doc.components.schemas.FeedPage).toMatchObject({ required: ['items', 'cursor'], properties: { items: { items: { $ref: '#/components/schemas/CloudEventEnvelope' } } } });
    });

    it('the validator refuses a webhook payload that refers to no message, and an HTTP binding with an unknown method', async () => {
      const doc = checkedIn();
      const id = `webhook_${published[0]!.replace(/\./g, '_')}`;
      doc.components.messages[id]!.payload.oneOf = [{ $ref: '#/components/messages/no_such_message/payload/schema' }];
      (doc.operations[`send_${id}`]!.bindings!.http as { method: string }).method = 'SEND';
      const found = await problems(doc);
      expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/no_such_message/), expect.stringMatching(/method/)]));
    }, 30_000);
  });
});
