import type { CloudEvent } from '@pledgebook/contracts';
import type { MessageBus, PartitionOffsets, PartitionPosition, RawAttributes } from '@pledgebook/message-bus';

/**
 * One message of a topic as the subscriptions read it: its place, the few attributes that decide
 * its order and scope, and the CloudEvent's JSON as the bus holds it (UTF-8 bytes) — passed on
 * unchanged as a feed item and as a webhook body, so no event is serialised or encoded again.
 */
export interface TopicEntry {
  partition: number;
  offset: number;
  body: Buffer;
  id: string;
  type: string;
  bureauid?: string;
  /** The event's `time` in epoch ms (0 when it has none): the merged order's first key. */
  time: number;
}

/** Where entries come from: the bus itself, or pages shared by many readers (`SharedPages`). */
export interface EntryReader {
  offsets(topic: string): Promise<PartitionOffsets[]>;
  /** Up to `limit` entries of each partition named, from the given offsets, in offset order within a partition. */
  read(topic: string, from: readonly PartitionPosition[], limit: number): Promise<TopicEntry[]>;
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** One shape for every entry (no optional spreads): entries are made by the thousand per page. */
function entry(partition: number, offset: number, body: Buffer, event: Partial<Record<keyof CloudEvent, unknown>>): TopicEntry {
  const time = asString(event.time);
  return {
    partition,
    offset,
    body,
    id: asString(event.id) ?? '',
    type: asString(event.type) ?? '',
    bureauid: asString(event.bureauid),
    time: time === undefined ? 0 : Date.parse(time) || 0,
  };
}

/**
 * An entry from the stored bytes: parsed once for its attributes, the bytes kept as they are (for
 * buses that do not read the attributes themselves). A scan for just those attributes in
 * JavaScript, over the text or over the bytes, measured no faster than JSON.parse — and would be a
 * second JSON parser to trust with scope decisions.
 */
export function entryFromBytes(partition: number, offset: number, bytes: Uint8Array): TopicEntry {
  const body = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return entry(partition, offset, body, JSON.parse(body.toString('utf8')) as Partial<Record<keyof CloudEvent, unknown>>);
}

/** The CloudEvent an entry's body carries (parking a delivery keeps the event itself). */
export function eventOf(body: Uint8Array): CloudEvent {
  return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as CloudEvent;
}

/** An entry from the stored bytes and the attributes the bus read beside them: nothing parsed here. */
export function entryFromAttributes(partition: number, offset: number, bytes: Uint8Array, attributes: RawAttributes): TopicEntry {
  const body = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    partition,
    offset,
    body,
    id: attributes.id ?? '',
    type: attributes.type ?? '',
    bureauid: attributes.bureauid ?? undefined,
    time: attributes.time === null ? 0 : Date.parse(attributes.time) || 0,
  };
}

/**
 * Reads entries straight from the bus: its raw values, with the attributes where the bus reads
 * them too (the embedded bus), else parsed from the bytes once (Kafka).
 */
export function busEntries(bus: MessageBus): EntryReader {
  return {
    offsets: (topic) => bus.offsets(topic),
    async read(topic, from, limit) {
      return (await bus.readRaw(topic, from, { limit })).map((m) => (m.attributes ? entryFromAttributes(m.partition, m.offset, m.value, m.attributes) : entryFromBytes(m.partition, m.offset, m.value)));
    },
  };
}
