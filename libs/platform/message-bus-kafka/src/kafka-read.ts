import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import type { PartitionOffsets, PartitionPosition, RawMessage } from '@pledgebook/message-bus';
import { newId } from '@pledgebook/util';

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

/** What a read hands back for one fetched record: parsed (`read`) or its stored bytes (`readRaw`). */
export type RecordMapper<T> = (partition: number, message: KafkaMessage) => T;

/**
 * Each wanted partition's records within its range, kept as they arrive: records before the range
 * (fetched before the seek took effect), past it, or of partitions not asked for are dropped.
 */
export class RangeCollector<T> {
  private readonly found = new Map<number, T[]>();
  private readonly remaining: Set<number>;

  constructor(private readonly ranges: ReadonlyMap<number, { from: number; until: number }>) {
    this.remaining = new Set(ranges.keys());
  }

  /** True once every range has reached its end. */
  get complete(): boolean {
    return this.remaining.size === 0;
  }

  /** Takes one record (made only if it is wanted); true once every range has reached its end. */
  offer(partition: number, offset: number, make: () => T): boolean {
    const range = this.ranges.get(partition);
    if (!range || !this.remaining.has(partition) || offset < range.from) return this.complete;
    if (offset < range.until) {
      const list = this.found.get(partition);
      if (list) list.push(make());
      else this.found.set(partition, [make()]);
    }
    if (offset + 1 >= range.until) this.remaining.delete(partition);
    return this.complete;
  }

  /** The records kept, partition by partition in the order the ranges name them, in offset order within one. */
  results(): T[] {
    return [...this.ranges.keys()].flatMap((partition) => this.found.get(partition) ?? []);
  }
}

/** A record's value as the bytes Kafka holds, not parsed; a record without a value reads as JSON `null`, as `read` parses it. */
export function rawFromKafkaMessage(partition: number, message: KafkaMessage): RawMessage {
  return { partition, offset: Number(message.offset), value: message.value ?? NULL_JSON };
}

const NULL_JSON = Buffer.from('null', 'utf8');

/**
 * kafkajs has no manual partition assignment: a consumer of a throwaway group seeks each wanted
 * partition, takes up to `limit` records of each, and leaves (its group is deleted). `read` and
 * `readRaw` both come here and differ only in what `map` makes of a record.
 */
export async function readPartitions<T>(
  kafka: Kafka,
  admin: OffsetsAdmin & Pick<Admin, 'deleteGroups'>,
  topic: string,
  from: readonly PartitionPosition[],
  limit: number,
  map: RecordMapper<T>,
  timeoutMs = 30_000,
): Promise<T[]> {
  const ranges = readRanges(await topicOffsets(admin, topic), from, limit);
  if (ranges.size === 0) return [];
  const groupId = `pledgebook-read-${newId()}`;
  const consumer = kafka.consumer({ groupId });
  const collector = new RangeCollector<T>(ranges);
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
            if (collector.offer(partition, Number(message.offset), () => map(partition, message))) resolve();
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
  return collector.results();
}
