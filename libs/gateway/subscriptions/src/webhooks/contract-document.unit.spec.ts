import { asyncApiDocument, type CloudEvent } from '@pledgebook/contracts';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import { encodeCursor } from '../reading/cursor';
import { feedBody } from '../reading/feed';
import type { TopicEntry } from '../reading/topic-entry';
import { newSecret, WebhookSigner } from './signing';
import { batchId, webhookMessage, type Delivery } from '../delivery/delivery';
import type { SubscriptionDocument } from '../model/subscription';
import { WEBHOOK_CONTENT_TYPE } from './webhook-sender';

// What the gateway sends and answers must be what the AsyncAPI document tells integrators (ADR 0081).
interface Doc {
  components: { schemas: Record<string, unknown>; messages: Record<string, { name: string; examples?: Array<{ payload?: CloudEvent }> }> };
}
const doc = JSON.parse(asyncApiDocument()) as Doc;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: 'asyncapi.json', components: doc.components });
const validator = (name: string) => ajv.compile({ $ref: `asyncapi.json#/components/schemas/${name}` });

const events = Object.values(doc.components.messages)
  .map((m) => m.examples?.[0]?.payload)
  .filter((p): p is CloudEvent => p !== undefined)
  .slice(0, 3);

const entry = (event: CloudEvent, offset: number): TopicEntry => ({
  partition: 0,
  offset,
  body: Buffer.from(JSON.stringify(event)),
  id: event.id,
  type: event.type,
  bureauid: event.bureauid as string | undefined,
  time: Date.parse(event.time ?? ''),
});

describe('the AsyncAPI document describes what outside subscribers receive', () => {
  it('a webhook’s headers, as signed and sent, are the documented WebhookHeaders, and verify with the official library', () => {
    const headersValid = validator('WebhookHeaders');
    const secrets = [newSecret(), newSecret()].map((secret, i) => ({ secretId: `s${i}`, secret, createdAt: '2026-01-01T00:00:00Z' }));
    const event = events[0]!;
    const body = Buffer.from(JSON.stringify(event));
    const headers: Record<string, string> = { ...new WebhookSigner().headers(secrets, event.id, body, new Date()), 'content-type': WEBHOOK_CONTENT_TYPE, 'pledgebook-subscription-id': 'sub-1' };
    expect([headersValid(headers), headersValid.errors]).toEqual([true, null]);
    expect(new Webhook(secrets[1]!.secret).verify(body.toString(), headers)).toEqual(event);
    expect(headersValid({ ...headers, 'webhook-signature': 'v2,abc' })).toBe(false);
    const { 'webhook-id': _missing, ...withoutId } = headers;
    expect(headersValid(withoutId)).toBe(false);
  });

  it('a batched webhook, as put together, signed and sent, has the documented WebhookBatchHeaders and an array of the topic’s events', () => {
    const headersValid = validator('WebhookBatchHeaders');
    const secrets = [{ secretId: 's0', secret: newSecret(), createdAt: '2026-01-01T00:00:00Z' }];
    const sub = { subscriptionId: 'sub-1', topic: 'pledgebook.pledge.v1', target: { url: 'https://hooks.example/in', batch: { maxEvents: 10 } } } as unknown as SubscriptionDocument;
    const pledgeEvents = Object.values(doc.components.messages)
      .map((m) => m.examples?.[0]?.payload)
      .filter((p): p is CloudEvent => p !== undefined && p.type.startsWith('pledgebook.pledge.'))
      .slice(0, 3);
    expect(pledgeEvents).toHaveLength(3);
    const delivery: Delivery = { kind: 'stream', items: pledgeEvents.map((e) => ({ id: e.id, type: e.type, body: Buffer.from(JSON.stringify(e)), before: [0] })), start: [0], end: [pledgeEvents.length] };
    const message = webhookMessage(sub, delivery);
    const headers: Record<string, string> = { ...new WebhookSigner().headers(secrets, message.id, message.body, new Date()), 'content-type': message.contentType, 'pledgebook-subscription-id': 'sub-1' };
    expect([headersValid(headers), headersValid.errors]).toEqual([true, null]);
    expect(headers['webhook-id']).toBe(batchId(pledgeEvents));
    // Other events (here: the same first event and count, another after it) never share the id.
    expect(batchId([pledgeEvents[0]!, pledgeEvents[1]!, { ...pledgeEvents[2]!, id: 'another-event' }])).not.toBe(headers['webhook-id']);
    expect(new Webhook(secrets[0]!.secret).verify(message.body.toString(), headers)).toEqual(pledgeEvents);
    // The single-event headers are not a batch's, nor the other way round.
    expect(headersValid({ ...headers, 'content-type': WEBHOOK_CONTENT_TYPE })).toBe(false);
    expect(validator('WebhookHeaders')({ ...headers })).toBe(false);
    const payloadValid = ajv.compile({ $ref: 'asyncapi.json#/components/messages/webhookBatch_pledgebook_pledge_v1/payload' });
    expect([payloadValid(JSON.parse(message.body.toString())), payloadValid.errors]).toEqual([true, null]);
    expect(payloadValid([])).toBe(false);
  });

  it('a feed page, as written, is the documented FeedPage of CloudEvents', () => {
    const pageValid = validator('FeedPage');
    expect(events.length).toBeGreaterThan(1);
    const body = feedBody({ items: events.map(entry), cursor: encodeCursor('pledgebook.pledge.v1', [events.length, 0, 0, 0]) });
    const page = JSON.parse(body.toString('utf8'));
    expect([pageValid(page), pageValid.errors]).toEqual([true, null]);
    expect(pageValid({ ...page, items: [{ ...page.items[0], specversion: '0.3' }] })).toBe(false);
    expect(pageValid({ items: page.items })).toBe(false);
  });
});
