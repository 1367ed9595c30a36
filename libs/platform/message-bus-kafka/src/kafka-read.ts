import type { Admin, Kafka } from 'kafkajs';
import type { BusMessage, PartitionOffsets, PartitionPosition } from '@pledgebook/message-bus';
import { newId } from '@pledgebook/util';
import { fromKafkaMessage } from './kafka-message';

export type OffsetsAdmin = Pick<Admin, 'fetchTopicOffsets' | 'fetchTopicOffsetsByTimestamp'>;

/** Every partition's retained range; with `at`, Kafka's offsetsForTimes (the high mark where nothing is that late). */
export async function topicOffsets(admin: OffsetsAdmin, topic: string, at?: Date): Promise<PartitionOffsets[]> {
  const ends = await admin.fetchTopicOffsets(topic);
  const byTime = at ? new Map((await admin.fetchTopicOffsetsByTimestamp(topic, at.getTime())).map((p) => [p.partition, Number(p.offset)])) : undefined;
  return ends
    .map((p) => ({ partition: p.partition, low: Number(p.low), high: Number(p.high), ...(byTime ? { at: byTime.get(p.partition) ?? Number(p.high) } : {}) }))
    .sort((a, b) => a.partition - b.partition);
}

/** The offsets to read per partition: from the position (or the low mark, if retention passed it) up to `limit` messages, never past the high mark. */
export function readRanges(ends: readonly PartitionOffsets[], from: readonly PartitionPosition[], limit: number): Map<number, { from: number; until: number }> {
  const ranges = new Map<number, { from: number; until: number }>();
  for (const { partition, offset } of from) {
    const end = ends.find((e) => e.partition === partition);
    if (!end) continue;
    const start = Math.max(offset, end.low);
    const until = Math.min(end.high, start + limit);
    if (start < until) ranges.set(partition, { from: start, until });
  }
  return ranges;
}

/**
 * kafkajs has no manual partition assignment: a consumer of a throwaway group seeks each wanted
 * partition, takes up to `limit` messages of each, and leaves (its group is deleted).
 */
export async function readPartitions(kafka: Kafka, admin: OffsetsAdmin & Pick<Admin, 'deleteGroups'>, topic: string, from: readonly PartitionPosition[], limit: number, timeoutMs = 30_000): Promise<BusMessage[]> {
  const ranges = readRanges(await topicOffsets(admin, topic), from, limit);
  if (ranges.size === 0) return [];
  const groupId = `pledgebook-read-${newId()}`;
  const consumer = kafka.consumer({ groupId });
  const found = new Map<number, BusMessage[]>();
  const remaining = new Set(ranges.keys());
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${topic} from Kafka took longer than ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const range = ranges.get(partition);
            const offset = Number(message.offset);
            if (!range || !remaining.has(partition) || offset < range.from) return;
            if (offset < range.until) found.set(partition, [...(found.get(partition) ?? []), fromKafkaMessage(topic, partition, message)]);
            if (offset + 1 >= range.until) {
              remaining.delete(partition);
              if (remaining.size === 0) resolve();
            }
          },
        })
        .then(() => {
          for (const [partition, range] of ranges) consumer.seek({ topic, partition, offset: String(range.from) });
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return [...ranges.keys()].flatMap((partition) => found.get(partition) ?? []);
}
