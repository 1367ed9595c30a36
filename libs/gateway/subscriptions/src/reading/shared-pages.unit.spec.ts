import type { PartitionPosition } from '@pledgebook/message-bus';
import { SharedPages } from './shared-pages';
import type { EntryReader, TopicEntry } from './topic-entry';
import { TopicStream } from './topic-stream';

const entry = (partition: number, offset: number): TopicEntry => ({ partition, offset, body: Buffer.from(`{"id":"${partition}/${offset}"}`), id: `${partition}/${offset}`, type: 't', bureauid: 'b', time: offset });

/** A topic in memory (two partitions) that counts the reads it answers. */
function memoryTopic() {
  const partitions: TopicEntry[][] = [[], []];
  const reads: PartitionPosition[] = [];
  let low = 0;
  const reader: EntryReader = {
    offsets: async () => partitions.map((list, partition) => ({ partition, low: Math.min(low, list.length), high: list.length })),
    read: async (_topic, from, limit) =>
      from.flatMap((p) => {
        reads.push(p);
        return partitions[p.partition]!.filter((e) => e.offset >= Math.max(p.offset, low)).slice(0, limit);
      }),
  };
  return {
    reader,
    reads,
    publish(partition: number, count: number) {
      for (let i = 0; i < count; i++) partitions[partition]!.push(entry(partition, partitions[partition]!.length));
    },
    recreate() {
      partitions[0] = [];
      partitions[1] = [];
    },
    retain(from: number) {
      low = from;
    },
  };
}

async function drain(stream: TopicStream): Promise<string[]> {
  const ids: string[] = [];
  for (let e = await stream.peek(); e; e = await stream.peek()) ids.push(stream.take().id);
  return ids;
}

describe('pages shared by the subscriptions of a topic', () => {
  it('reads a page once for every stream at that position, and each stream still gets every entry in order', async () => {
    const topic = memoryTopic();
    topic.publish(0, 25);
    topic.publish(1, 18);
    const pages = new SharedPages(topic.reader, 10);
    const direct = await drain(new TopicStream(topic.reader, 't', [0, 0], 10));
    topic.reads.length = 0;
    const streams = [0, 1, 2].map(() => new TopicStream(pages, 't', [0, 0], 10));
    const seen = await Promise.all(streams.map(drain));
    expect(seen).toEqual([direct, direct, direct]);
    expect(direct).toHaveLength(43);
    // Three pages of partition 0 and two of partition 1, each read once, not three times.
    expect(topic.reads).toHaveLength(5);
  });

  it('extends a page read before its partition reached the end, and never hands out what is not there', async () => {
    const topic = memoryTopic();
    topic.publish(0, 3);
    const pages = new SharedPages(topic.reader, 10);
    const first = new TopicStream(pages, 't', [0, 0], 10);
    const second = new TopicStream(pages, 't', [2, 0], 10);
    expect(await drain(first)).toEqual(['0/0', '0/1', '0/2']);
    expect(await drain(second)).toEqual(['0/2']);
    topic.publish(0, 4);
    topic.publish(1, 1);
    // Merged order: event time (here the offset), then partition.
    expect(await drain(second)).toEqual(['1/0', '0/3', '0/4', '0/5', '0/6']);
    expect(await drain(first)).toEqual(['1/0', '0/3', '0/4', '0/5', '0/6']);
    // The extension was read from offset 3 on, once for both streams.
    expect(topic.reads.filter((r) => r.partition === 0).map((r) => r.offset)).toEqual([0, 3]);
  });

  it('serves a stream that starts before a cached page, or past its end, from where that stream is', async () => {
    const topic = memoryTopic();
    topic.publish(0, 10);
    const pages = new SharedPages(topic.reader, 10);
    expect(await drain(new TopicStream(pages, 't', [6, 0], 10))).toEqual(['0/6', '0/7', '0/8', '0/9']);
    expect(await drain(new TopicStream(pages, 't', [2, 0], 10))).toEqual(['0/2', '0/3', '0/4', '0/5', '0/6', '0/7', '0/8', '0/9']);
    topic.publish(0, 5);
    expect(await drain(new TopicStream(pages, 't', [12, 0], 10))).toEqual(['0/12', '0/13', '0/14']);
    expect(await drain(new TopicStream(pages, 't', [9, 0], 10))).toEqual(['0/9', '0/10', '0/11', '0/12', '0/13', '0/14']);
  });

  it('drops its pages when a partition’s end moves back (the topic was recreated), and follows retention', async () => {
    const topic = memoryTopic();
    topic.publish(0, 5);
    const pages = new SharedPages(topic.reader, 10);
    expect(await drain(new TopicStream(pages, 't', [0, 0], 10))).toHaveLength(5);
    topic.recreate();
    topic.publish(0, 2);
    const fresh = await drain(new TopicStream(pages, 't', [0, 0], 10));
    expect(fresh).toEqual(['0/0', '0/1']);
    topic.publish(0, 3);
    topic.retain(3);
    expect(await drain(new TopicStream(pages, 't', [0, 0], 10))).toEqual(['0/3', '0/4']);
  });

  it('keeps at most the pages it is allowed, the least recently used going first', async () => {
    const topic = memoryTopic();
    topic.publish(0, 40);
    const pages = new SharedPages(topic.reader, 10, 2);
    await drain(new TopicStream(pages, 't', [0, 0], 10));
    topic.reads.length = 0;
    await drain(new TopicStream(pages, 't', [0, 0], 10));
    // Pages 0 and 1 were pushed out by 2 and 3: read again.
    expect(topic.reads.filter((r) => r.partition === 0).map((r) => r.offset)).toEqual([0, 10, 20, 30]);
  });

  it('hands on what lies past a gap in the offsets without caching it', async () => {
    const stored = [0, 1, 2, 15, 16].map((offset) => entry(0, offset));
    const reader: EntryReader = {
      offsets: async () => [{ partition: 0, low: 0, high: 17 }],
      read: async (_t, from, limit) => stored.filter((e) => e.offset >= from[0]!.offset).slice(0, limit),
    };
    expect(await drain(new TopicStream(new SharedPages(reader, 10), 't', [0], 10))).toEqual(['0/0', '0/1', '0/2', '0/15', '0/16']);
  });

  it('never hands a stream a read started before the offsets it was given', async () => {
    const stored: TopicEntry[] = [];
    const pending: Array<() => void> = [];
    // Reads see the partition as it is when they start, and answer when released.
    const reader: EntryReader = {
      offsets: async () => [{ partition: 0, low: 0, high: stored.length }],
      read: (_t, from, limit) => {
        const seen = stored.filter((e) => e.offset >= from[0]!.offset).slice(0, limit);
        return new Promise((resolve) => pending.push(() => resolve(seen)));
      },
    };
    const release = async () => {
      for (let i = 0; i < 20; i++) {
        await Promise.resolve();
        pending.splice(0).forEach((answer) => answer());
      }
    };
    const pages = new SharedPages(reader, 10);
    // A reads while the partition is empty, so pretend it is behind: a read from 0 is under way.
    const early = pages.read('t', [{ partition: 0, offset: 0 }], 10);
    stored.push(entry(0, 0), entry(0, 1));
    const late = new TopicStream(pages, 't', [0], 10).peek();
    await release();
    expect(await early).toEqual([]);
    expect((await late)?.id).toBe('0/0');
  });
});
