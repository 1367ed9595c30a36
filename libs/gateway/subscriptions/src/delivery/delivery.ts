import { createHash } from 'node:crypto';
import type { ParkedDocument, SubscriptionDocument } from '../model/subscription';
import { encodeCursor } from '../reading/cursor';
import { WEBHOOK_BATCH_CONTENT_TYPE, WEBHOOK_CONTENT_TYPE } from '../webhooks/webhook-sender';

/** One event of a delivery: its id, type and body (its JSON as the bus holds it), and where it stands in the topic. */
export interface DeliveryItem {
  id: string;
  type: string;
  body: Buffer;
  /** A stream event: the stream's position just before it. */
  before?: readonly number[];
  parked?: ParkedDocument;
}

/** The feed position just before an item's event: replaying from it delivers the event again. */
export const positionOf = (topic: string, item: DeliveryItem): string => item.parked?.position ?? encodeCursor(topic, item.before!);

/**
 * What one webhook request carries: one event, or — for a target with `batch` — the next events in
 * scope, up to its `maxEvents`. `start` and `end` are the stream's positions before the first and
 * after the last event (events outside the scope in between are passed over with them).
 */
export interface Delivery {
  kind: 'stream' | 'parked';
  items: DeliveryItem[];
  start: number[];
  end: number[];
}

/** How many events one request may carry for this subscription. */
export const batchLimit = (sub: SubscriptionDocument): number => sub.target?.batch?.maxEvents ?? 1;

export function parkedItem(parked: ParkedDocument): DeliveryItem {
  return { id: parked.event.id, type: parked.event.type, body: Buffer.from(JSON.stringify(parked.event), 'utf8'), parked };
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * The request for a delivery. Without `batch`: the event itself (structured mode) with its id as
 * `webhook-id`. With `batch`: a JSON array of the events, even of one (batched mode), its
 * `webhook-id` made of the first event's id, the count and a digest of all the ids — the same on
 * every retry of the same events, and never the same for other events; receivers deduplicate by
 * each event's own id either way.
 */
export function webhookMessage(sub: SubscriptionDocument, delivery: Delivery): { id: string; body: Buffer; contentType: string } {
  const first = delivery.items[0]!;
  if (!sub.target?.batch) return { id: first.id, body: first.body, contentType: WEBHOOK_CONTENT_TYPE };
  const parts: Buffer[] = [OPEN];
  delivery.items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item.body);
  });
  parts.push(CLOSE);
  return { id: batchId(delivery.items), body: Buffer.concat(parts), contentType: WEBHOOK_BATCH_CONTENT_TYPE };
}

/** `batch_<first id>_<count>_<16 characters of the SHA-256 of every id, in order>`. */
export function batchId(items: readonly { id: string }[]): string {
  const digest = createHash('sha256')
    .update(items.map((item) => item.id).join('\n'))
    .digest('base64url')
    .slice(0, 16);
  return `batch_${items[0]!.id}_${items.length}_${digest}`;
}
