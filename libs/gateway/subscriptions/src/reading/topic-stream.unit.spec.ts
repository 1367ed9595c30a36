import type { PartitionPosition } from '@pledgebook/message-bus';
import type { EntryReader, TopicEntry } from './topic-entry';
import { TopicStream } from './topic-stream';

/** Two partitions of 200 entries; partition 0's all come before partition 1's. Counts what each read asked for. */
function reader(): EntryReader & { limits: number[] } {
  const entry = (partition: number, offset: number): TopicEntry => ({ partition, offset, body: Buffer.from('{}'), id: `${partition}-${offset}`, type: 't', time: partition * 1_000_000 + offset });
  const limits: number[] = [];
  return {
    limits,
    offsets: async () => [0, 1].map((partition) => ({ partition, low: 0, high: 200 })),
    read: async (_topic: string, from: readonly PartitionPosition[], limit: number) => {
      limits.push(limit);
      return from.flatMap(({ partition, offset }) => Array.from({ length: Math.max(0, Math.min(limit, 200 - offset)) }, (_, k) => entry(partition, offset + k)));
    },
  };
}

describe('a topic stream', () => {
  it('reads a partition that ran out again for no more than its reader still needs', async () => {
    const source = reader();
    const stream = new TopicStream(source, 't', [0, 0], 50);
    const taken: string[] = [];
    for (let want = 60; taken.length < want; ) {
      stream.needAtMost(want - taken.length);
      await stream.peek();
      taken.push(stream.take().id);
    }
    expect(taken).toEqual(Array.from({ length: 60 }, (_, k) => `0-${k}`));
    // 50 of each partition at first; partition 0 ran out with 10 still wanted: 10 more, not 50.
    expect(source.limits).toEqual([50, 10]);
    expect(stream.position()).toEqual([60, 0]);
  });

  it('reads whole chunks when nothing limits it, in the merged order', async () => {
    const source = reader();
    const stream = new TopicStream(source, 't', [190, 0], 50);
    const taken: string[] = [];
    for (let e = await stream.peek(); e && taken.length < 15; e = await stream.peek()) taken.push(stream.take().id);
    expect(taken).toEqual([...Array.from({ length: 10 }, (_, k) => `0-${190 + k}`), ...Array.from({ length: 5 }, (_, k) => `1-${k}`)]);
    expect(source.limits).toEqual([50]);
  });
});
