import type { EventContract } from './json-schema';

/**
 * The two doors for outside systems that cannot reach Kafka (ADRs 0051–0054, 0081), described in
 * the same AsyncAPI document as the topics: signed webhooks the gateway sends to a subscriber's
 * receiver, and the event feed a subscriber pulls from the gateway. Both carry the topics'
 * CloudEvents unchanged, so each payload refers to the topic's messages.
 */

const CONTENT_TYPE = 'application/cloudevents+json';
const BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json';
const HTTP_BINDING_VERSION = '0.3.0';
const channelIdOf = (topic: string) => topic.replace(/\./g, '_');

/** The header names a receiver reads (Standard Webhooks), as the gateway sends them. */
export const WEBHOOK_HEADER_NAMES = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

export const webhookHeadersSchema = {
  type: 'object',
  required: [...WEBHOOK_HEADER_NAMES, 'content-type'],
  properties: {
    'webhook-id': { type: 'string', minLength: 1, description: 'The CloudEvent `id`: the same on every retry, redelivery and replay of the event. Deduplicate by it.' },
    'webhook-timestamp': { type: 'string', pattern: '^[0-9]{1,12}$', description: 'This attempt, in Unix seconds. Refuse deliveries too far from your clock (the library allows five minutes).' },
    'webhook-signature': {
      type: 'string',
      pattern: '^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$',
      description:
        'One `v1,<base64>` per signing secret, space-separated: base64 of HMAC-SHA256 over `webhook-id.webhook-timestamp.body`, keyed with the bytes of the secret after `whsec_`. ' +
        'During a rotation’s overlap the old and the new secret both sign. Verify with a Standard Webhooks library, e.g. `new Webhook(secret).verify(body, headers)`.',
    },
    'content-type': { type: 'string', pattern: '^application/cloudevents\\+json(; ?charset=utf-8)?$', description: 'CloudEvents structured content mode (HTTP protocol binding 1.0, section 3.1).' },
    'pledgebook-subscription-id': { type: 'string', description: 'The subscription the delivery is for.' },
  },
};

/** The headers of a batched delivery (a target with `batch`, ADR 0090): the same signature, a batch's own id, the batched content type. */
export const webhookBatchHeadersSchema = {
  ...webhookHeadersSchema,
  properties: {
    ...webhookHeadersSchema.properties,
    'webhook-id': {
      type: 'string',
      pattern: '^batch_.+_[0-9]+_[A-Za-z0-9_-]{16}$',
      description: '`batch_<first event id>_<count>_<digest of every event id>`: the same on every retry of the same events, never the same for other events. Deduplicate by each event’s own `id`: a redelivery or replay may batch the same events differently.',
    },
    'content-type': { type: 'string', pattern: '^application/cloudevents-batch\\+json(; ?charset=utf-8)?$', description: 'CloudEvents batched content mode (HTTP protocol binding 1.0, section 3.3).' },
  },
};

export const feedPageSchema = {
  type: 'object',
  required: ['items', 'cursor'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      maxItems: 1000,
      description: 'The events in the subscription’s scope and types, in the topic’s merged order (event time, then partition, then offset), each a CloudEvent as on the topic.',
      items: { $ref: '#/components/schemas/CloudEventEnvelope' },
    },
    cursor: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'Where the next page starts (opaque). It moves past events outside the scope too; any position still retained can be read again.',
    },
  },
};

/** The feed answer's headers: the next page's address, for followers that ask for it while they read this one (ADR 0091). */
export const feedPageHeadersSchema = {
  type: 'object',
  required: ['link'],
  properties: {
    link: {
      type: 'string',
      pattern: '^<\\?cursor=[A-Za-z0-9_-]+&limit=[0-9]+(&wait=[0-9]+)?>; rel="next"$',
      description: 'RFC 8288: the next page, `<?cursor=<the body’s cursor>&limit=…[&wait=…]>; rel="next"` — a query-only reference, resolved against the address the request went to, with the request’s `limit` and `wait`.',
    },
  },
};

const feedQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cursor: { type: 'string', description: 'A cursor from an earlier page (or an attempt’s `position`). Without it (and without `since`) the feed starts at the earliest retained event.' },
    since: { type: 'string', format: 'date-time', description: 'Start at the first event published at or after this time (not with `cursor`).' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Most events in the page.' },
    wait: { type: 'integer', minimum: 0, maximum: 30, default: 0, description: 'Long poll: hold the request up to this many seconds until an event arrives.' },
  },
};

const bearer = {
  type: 'object',
  required: ['authorization'],
  properties: { authorization: { type: 'string', pattern: '^Bearer .+$', description: 'A token of the subscriber account (or an admin over it).' } },
};

/** The servers, channels, operations and components the two doors add to the document. */
export function outsideSubscriptionParts(contracts: readonly EventContract[], messageName: (type: string) => string) {
  const topics = [...new Set(contracts.map((c) => c.topic))].sort();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of topics) {
    const list = contracts.filter((c) => c.topic === topic).sort((a, b) => a.type.localeCompare(b.type));
    const id = `webhook_${channelIdOf(topic)}`;
    const example = list[0]!;
    messages[id] = {
      name: `webhook-delivery:${topic}`,
      title: `Webhook delivery of ${topic}`,
      summary: `One event of ${topic}, POSTed to the subscription’s target and signed as Standard Webhooks specifies.`,
      contentType: CONTENT_TYPE,
      headers: { $ref: '#/components/schemas/WebhookHeaders' },
      correlationId: { $ref: '#/components/correlationIds/correlationid' },
      payload: {
        description: `Any event of ${topic} (the subscription’s types, if it names some), exactly as the topic carries it.`,
        oneOf: list.map((c) => ({ $ref: `#/components/messages/${messageName(c.type)}/payload/schema` })),
      },
      bindings: { http: { bindingVersion: HTTP_BINDING_VERSION } },
      examples: [
        {
          name: 'example',
          summary: `A delivery of ${example.type} (illustrative signature)`,
          headers: {
            'webhook-id': '01J8Z0K6Q2M4S6T8V0W2X4Y6Z8',
            'webhook-timestamp': '1767225600',
            'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
            'content-type': `${CONTENT_TYPE}; charset=utf-8`,
            'pledgebook-subscription-id': '01J8Z0K6Q2M4S6T8V0W2X4Y6Z9',
          },
        },
      ],
    };
    const batchId = `webhookBatch_${channelIdOf(topic)}`;
    messages[batchId] = {
      name: `webhook-batch-delivery:${topic}`,
      title: `Batched webhook delivery of ${topic}`,
      summary: `For a target with \`batch\`: the next events of ${topic} in the subscription’s scope, up to its \`maxEvents\`, as one JSON array, signed as one Standard Webhooks message.`,
      contentType: BATCH_CONTENT_TYPE,
      headers: { $ref: '#/components/schemas/WebhookBatchHeaders' },
      payload: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        description: 'The events in the topic’s merged order, each exactly as the topic carries it.',
        items: { oneOf: list.map((c) => ({ $ref: `#/components/messages/${messageName(c.type)}/payload/schema` })) },
      },
      bindings: { http: { bindingVersion: HTTP_BINDING_VERSION } },
      examples: [
        {
          name: 'example',
          summary: `A batch starting with ${example.type} (illustrative signature)`,
          headers: {
            'webhook-id': 'batch_01J8Z0K6Q2M4S6T8V0W2X4Y6Z8_100_3q2-7wAAAAC9T8Lm',
            'webhook-timestamp': '1767225600',
            'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
            'content-type': `${BATCH_CONTENT_TYPE}; charset=utf-8`,
            'pledgebook-subscription-id': '01J8Z0K6Q2M4S6T8V0W2X4Y6Z9',
          },
        },
      ],
    };
    channels[id] = {
      address: null,
      title: `Webhook deliveries of ${topic}`,
      description:
        'The subscription’s target URL (on the system admin’s allow-list; HTTPS on the distributed profile). One POST per event — or, for a target with `batch`, per batch of up to `maxEvents` events — one at a time per subscription, in the topic’s merged order; ' +
        'a 2xx answer within the timeout is a delivery, anything else (redirects included) is retried with exponential backoff and jitter for up to 24 hours, then the delivery is parked and the subscription paused.',
      servers: [{ $ref: '#/servers/webhookReceiver' }],
      messages: { [id]: { $ref: `#/components/messages/${id}` }, [batchId]: { $ref: `#/components/messages/${batchId}` } },
    };
    operations[`send_${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      title: `The gateway sends webhooks of ${topic}`,
      summary: 'At least once and in order per subscription; the receiver deduplicates by each event’s `id` (for single events also the `webhook-id`).',
      bindings: { http: { method: 'POST', bindingVersion: HTTP_BINDING_VERSION } },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }, { $ref: `#/channels/${id}/messages/${batchId}` }],
    };
  }
  channels['feed'] = {
    address: '/api/v1/subscriptions/{subscriptionId}/events',
    title: 'Event feed',
    description: 'A subscription’s events, pulled over HTTP with a cursor, a limit and a long-poll wait; the same scope rules as webhooks.',
    servers: [{ $ref: '#/servers/gateway' }],
    parameters: { subscriptionId: { description: 'The subscription’s id.' } },
    messages: { feedRequest: { $ref: '#/components/messages/feedRequest' }, feedPage: { $ref: '#/components/messages/feedPage' } },
  };
  messages['feedRequest'] = {
    name: 'feed-request',
    title: 'Feed request',
    summary: '`GET` with the query parameters of the operation’s binding; no body.',
    headers: bearer,
    bindings: { http: { bindingVersion: HTTP_BINDING_VERSION } },
  };
  messages['feedPage'] = {
    name: 'feed-page',
    title: 'Feed page',
    summary: 'The events and the cursor of the next page. Bad input (a cursor of another topic, or one the API did not hand out) is a 400 problem document naming the field.',
    contentType: 'application/json',
    headers: { $ref: '#/components/schemas/FeedPageHeaders' },
    payload: { $ref: '#/components/schemas/FeedPage' },
    bindings: { http: { statusCode: 200, bindingVersion: HTTP_BINDING_VERSION } },
  };
  operations['receive_feed'] = {
    action: 'receive',
    channel: { $ref: '#/channels/feed' },
    title: 'A subscriber reads the feed',
    summary: 'The gateway answers each request with one page.',
    bindings: { http: { method: 'GET', query: feedQuerySchema, bindingVersion: HTTP_BINDING_VERSION } },
    messages: [{ $ref: '#/channels/feed/messages/feedRequest' }],
    reply: { channel: { $ref: '#/channels/feed' }, messages: [{ $ref: '#/channels/feed/messages/feedPage' }] },
  };
  const servers = {
    gateway: {
      host: '{gateway}',
      protocol: 'https',
      title: 'Pledgebook gateway (either profile)',
      description: 'The gateway’s HTTP API: the event feed and the subscriptions themselves (`/api/v1/subscriptions`, see the OpenAPI document). Plain HTTP on an embedded machine.',
      variables: { gateway: { default: 'localhost:3000', description: 'The gateway’s host and port.' } },
    },
    webhookReceiver: {
      host: '{receiver}',
      protocol: 'https',
      title: 'A subscriber’s webhook receiver',
      description: 'Run by the subscriber; the gateway sends to the subscription’s target. Targets must match the allow-list the system admin configured.',
      variables: { receiver: { default: 'hooks.example.gov.cn', description: 'The target’s host.' } },
    },
  };
  return { servers, channels, operations, messages, schemas: { WebhookHeaders: webhookHeadersSchema, WebhookBatchHeaders: webhookBatchHeadersSchema, FeedPage: feedPageSchema, FeedPageHeaders: feedPageHeadersSchema } };
}
