import type { PartitionOffsets, PartitionPosition } from '@pledgebook/message-bus';
import type { EntryReader, TopicEntry } from './topic-entry';

interface Page {
  topic: string;
  partition: number;
  /** Every entry of the partition from `from` up to `to` (exclusive) that the bus had when read, in offset order. */
  entries: TopicEntry[];
  from: number;
  to: number;
}

/**
 * Pages of a topic read once and handed to every subscription at that position: ten webhook
 * subscriptions on one topic read and parse each page once, not ten times. A page holds
 * `pageSize` offsets of one partition (aligned, so readers at nearby positions meet on the same
 * page); a page read before its partition had reached its end is extended, never reread. Offsets
 * never change what they hold, so a cached page is only ever incomplete, not wrong; when a
 * partition's end moves back (the topic was recreated) its pages are dropped.
 */
export class SharedPages implements EntryReader {
  private readonly pages = new Map<string, Page>();
  /** Reads under way, so streams that reach a page at the same moment wait for one read. */
  private readonly reading = new Map<string, Promise<TopicEntry[]>>();
  /**
   * Raised by every answer to `offsets`. A read under way is shared only within the epoch it was
   * started in: started after the last offsets anyone was given, it sees at least what they saw.
   */
  private epoch = 0;

  constructor(
    private readonly source: EntryReader,
    private readonly pageSize = 200,
    /** Pages kept (least recently used go first): about pageSize × maxPages events in memory. */
    private readonly maxPages = 64,
  ) {}

  async offsets(topic: string): Promise<PartitionOffsets[]> {
    const ranges = await this.source.offsets(topic);
    this.epoch += 1;
    const highs = new Map(ranges.map((r) => [r.partition, r.high]));
    for (const [key, page] of this.pages) if (page.topic === topic && page.to > (highs.get(page.partition) ?? 0)) this.pages.delete(key);
    return ranges;
  }

  /** Up to `limit` entries of each partition from the given offsets (fewer when the page ends first: the stream asks again). */
  async read(topic: string, from: readonly PartitionPosition[], limit: number): Promise<TopicEntry[]> {
    const out: TopicEntry[] = [];
    for (const position of from) out.push(...(await this.readPartition(topic, position, limit)));
    return out;
  }

  private async readPartition(topic: string, { partition, offset }: PartitionPosition, limit: number): Promise<TopicEntry[]> {
    const start = offset - (offset % this.pageSize);
    const end = start + this.pageSize;
    const key = `${topic}\u0000${partition}\u0000${start}`;
    let page = this.pages.get(key);
    // A page is contiguous from `from` to `to`: a reader before it, or past its end, starts it again from where it is.
    if (page && (page.from > offset || page.to < offset)) page = undefined;
    if (!page) page = { topic, partition, entries: [], from: offset, to: offset };
    // What the page lacks from `offset` on: the rest of it, read once for every reader.
    if (page.to === offset) {
      const found = (await this.readOnce(`${key}\u0000${offset}\u0000${this.epoch}`, topic, { partition, offset }, end - offset)).filter((e) => e.partition === partition && e.offset >= offset);
      const read = found.filter((e) => e.offset < end);
      // Nothing left in this page but more after it (a gap in the offsets): handed on uncached.
      if (read.length === 0 && found.length > 0) return found.slice(0, limit);
      page = { topic, partition, entries: [...page.entries, ...read], from: page.from, to: read.length > 0 ? read[read.length - 1]!.offset + 1 : offset };
    }
    this.pages.delete(key);
    this.pages.set(key, page);
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
    const first = page.entries.findIndex((e) => e.offset >= offset);
    return first < 0 ? [] : page.entries.slice(first, first + limit);
  }

  private readOnce(key: string, topic: string, from: PartitionPosition, limit: number): Promise<TopicEntry[]> {
    let read = this.reading.get(key);
    if (!read) {
      read = this.source.read(topic, [from], limit);
      this.reading.set(key, read);
      const done = () => this.reading.delete(key);
      read.then(done, done);
    }
    return read;
  }
}
