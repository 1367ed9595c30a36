import { testCloudEvent } from '@pledgebook/message-bus/testing';
import type { KafkaMessage } from 'kafkajs';
import { fromKafkaMessage, toKafkaMessage } from './kafka-message';
import { RangeCollector, rawFromKafkaMessage, readRanges, topicOffsets, type OffsetsAdmin } from './kafka-read';

/** A fetched record as kafkajs hands it over: the value a Buffer of the bytes the producer sent. */
const record = (offset: number, value: Buffer | null): KafkaMessage => ({ key: Buffer.from('k'), value, headers: {}, offset: String(offset), timestamp: '0', attributes: 0 }) as KafkaMessage;

describe('reading Kafka partitions without a group', () => {
  it('reports each partition’s range, and the offset for a time (the high mark where nothing is that late)', async () => {
    const admin = {
      fetchTopicOffsets: async () => [
        { partition: 1, offset: '9', high: '9', low: '2' },
        { partition: 0, offset: '5', high: '5', low: '0' },
      ],
      fetchTopicOffsetsByTimestamp: async (_topic: string, timestamp?: number) => {
        expect(timestamp).toBe(Date.parse('2026-11-29T00:00:00Z'));
        return [{ partition: 0, offset: '3' }, { partition: 1, offset: '9' }];
      },
    } as unknown as OffsetsAdmin;
    expect(await topicOffsets(admin, 't')).toEqual([{ partition: 0, low: 0, high: 5 }, { partition: 1, low: 2, high: 9 }]);
    expect(await topicOffsets(admin, 't', new Date('2026-11-29T00:00:00Z'))).toEqual([{ partition: 0, low: 0, high: 5, at: 3 }, { partition: 1, low: 2, high: 9, at: 9 }]);
  });

  it('reads from the low mark when retention passed the position, never past the high mark, and skips caught-up partitions', () => {
    const ends = [{ partition: 0, low: 10, high: 50 }, { partition: 1, low: 0, high: 7 }, { partition: 2, low: 0, high: 3 }];
    const ranges = readRanges(ends, [{ partition: 0, offset: 4 }, { partition: 1, offset: 5 }, { partition: 2, offset: 3 }, { partition: 9, offset: 0 }], 20);
    expect([...ranges]).toEqual([[0, { from: 10, until: 30 }], [1, { from: 5, until: 7 }]]);
  });

  it('keeps each range’s records in offset order: none fetched before the seek, past the range or of other partitions, and made only when kept', () => {
    const collector = new RangeCollector<string>(new Map([[2, { from: 5, until: 7 }], [0, { from: 0, until: 1 }]]));
    const made: string[] = [];
    const offer = (partition: number, offset: number) => collector.offer(partition, offset, () => (made.push(`${partition}:${offset}`), `${partition}:${offset}`));
    expect(offer(2, 3)).toBe(false); // fetched before the seek took effect
    expect(offer(1, 0)).toBe(false); // a partition not asked for
    expect(offer(2, 5)).toBe(false);
    expect(offer(0, 0)).toBe(false);
    expect(offer(0, 1)).toBe(false); // past its range: the partition is done already
    expect(offer(2, 6)).toBe(true);
    expect(collector.complete).toBe(true);
    expect(offer(2, 7)).toBe(true);
    expect(collector.results()).toEqual(['2:5', '2:6', '0:0']);
    expect(made).toEqual(['2:5', '0:0', '2:6']);
  });

  it('ends a range at a record past its end too (a compacted or transactional gap)', () => {
    const collector = new RangeCollector<number>(new Map([[0, { from: 0, until: 3 }]]));
    expect(collector.offer(0, 1, () => 1)).toBe(false);
    expect(collector.offer(0, 4, () => 4)).toBe(true);
    expect(collector.results()).toEqual([1]);
  });

  it('hands on a record’s value as the very Buffer fetched, the bytes read parses', () => {
    const value = testCloudEvent('pledge-1', 0, { text: '資助一名"困難"學生\\ 😀', nested: { type: 'x', list: [1, '}'] } });
    const fetched = Buffer.from(String(toKafkaMessage({ key: 'pledge-1', value }).value), 'utf8');
    const raw = rawFromKafkaMessage(3, record(12, fetched));
    expect(raw).toEqual({ partition: 3, offset: 12, value: fetched });
    expect(raw.value).toBe(fetched);
    const parsed = fromKafkaMessage('t', 3, record(12, fetched));
    expect(Buffer.from(raw.value).toString('utf8')).toBe(JSON.stringify(parsed.value));
    expect(parsed.value).toEqual(value);
  });

  it('reads a record without a value as JSON null, as read parses it', () => {
    const raw = rawFromKafkaMessage(0, record(1, null));
    expect(Buffer.from(raw.value).toString('utf8')).toBe('null');
    expect(fromKafkaMessage('t', 0, record(1, null)).value).toBeNull();
  });
});
