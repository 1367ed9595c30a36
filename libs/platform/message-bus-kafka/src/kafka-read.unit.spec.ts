import { readRanges, topicOffsets, type OffsetsAdmin } from './kafka-read';

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
});
