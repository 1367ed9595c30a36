import type { MessageBus, PartitionOffsets } from '@pledgebook/message-bus';
import type { EntryReader, TopicEntry } from './topic-entry';

/** Merged order across partitions: event time, then partition, then offset (each partition's own order is kept). */
export function before(a: TopicEntry, b: TopicEntry): boolean {
  return a.time !== b.time ? a.time < b.time : a.partition !== b.partition ? a.partition < b.partition : a.offset < b.offset;
}

/**
 * Reads a topic from a position in one merged order — the order every webhook subscription and
 * every feed page follows, and in which a replay goes again. Reads in chunks per partition,
 * without joining a consumer group.
 */
export class TopicStream {
  private readonly buffers = new Map<number, TopicEntry[]>();
  private highs: number[] = [];
  private positions: number[];
  private head?: TopicEntry;
  /** At most this many messages of a partition per read from now on (the reader needs no more). */
  private cap = Number.POSITIVE_INFINITY;

  constructor(
    private readonly reader: EntryReader,
    readonly topic: string,
    start: readonly number[],
    /** Messages read per partition at a time. */
    private readonly chunk = 200,
  ) {
    this.positions = [...start];
  }

  /**
   * Reads no more than `count` messages of a partition at a time from now on: a reader that needs
   * only a few more (the end of a feed page) does not read a whole chunk of a partition that ran out.
   */
  needAtMost(count: number): void {
    this.cap = Math.max(1, count);
  }

  /** The next offset to read, per partition (what a cursor encodes). */
  position(): number[] {
    return [...this.positions];
  }

  /** The next message in merged order, or undefined when nothing newer is on the bus. */
  async peek(): Promise<TopicEntry | undefined> {
    if (this.head) return this.head;
    const empty = (p: number) => (this.buffers.get(p)?.length ?? 0) === 0;
    const behind = this.positions.some((offset, p) => empty(p) && offset < (this.highs[p] ?? 0));
    const allEmpty = this.positions.every((_, p) => empty(p));
    if (behind || allEmpty || this.positions.length === 0) await this.fill();
    for (const list of this.buffers.values()) {
      const first = list[0];
      if (first && (!this.head || before(first, this.head))) this.head = first;
    }
    return this.head;
  }

  /** Moves past the entry `peek` returned. */
  take(): TopicEntry {
    const head = this.head;
    if (!head) throw new Error('take() without a message from peek()');
    this.buffers.get(head.partition)!.shift();
    this.positions[head.partition] = head.offset + 1;
    this.head = undefined;
    return head;
  }

  private async fill(): Promise<void> {
    const ranges: PartitionOffsets[] = await this.reader.offsets(this.topic);
    this.highs = ranges.map((r) => r.high);
    for (const r of ranges) {
      // A partition added since the position was taken starts at its beginning; retention moves a stale position up.
      const current = this.positions[r.partition] ?? r.low;
      this.positions[r.partition] = Math.max(current, r.low);
      const buffer = this.buffers.get(r.partition);
      if (buffer && buffer.length > 0 && buffer[0]!.offset < r.low) this.buffers.set(r.partition, buffer.filter((b) => b.offset >= r.low));
    }
    const wanted = ranges.filter((r) => (this.buffers.get(r.partition)?.length ?? 0) === 0 && this.positions[r.partition]! < r.high);
    if (wanted.length === 0) return;
    const entries = await this.reader.read(this.topic, wanted.map((r) => ({ partition: r.partition, offset: this.positions[r.partition]! })), Math.min(this.chunk, this.cap));
    for (const e of entries) {
      if (e.offset < this.positions[e.partition]!) continue;
      const list = this.buffers.get(e.partition) ?? [];
      list.push(e);
      this.buffers.set(e.partition, list);
    }
  }
}

/** Every partition's first retained offset: reading from here reads everything the bus still has. */
export async function earliest(bus: MessageBus, topic: string): Promise<number[]> {
  return (await bus.offsets(topic)).map((r) => r.low);
}

/** Every partition's next offset: reading from here reads only what is published from now on. */
export async function latest(bus: MessageBus, topic: string): Promise<number[]> {
  return (await bus.offsets(topic)).map((r) => r.high);
}

/** The position of the first messages published at or after `time`. */
export async function positionAt(bus: MessageBus, topic: string, time: Date): Promise<number[]> {
  return (await bus.offsets(topic, { at: time })).map((r) => r.at ?? r.high);
}
