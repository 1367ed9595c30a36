import { Partitioners, type Admin } from 'kafkajs';

/**
 * Java's murmur2 partitioner, named rather than left to the default (which kafkajs 2 warns
 * about on every start): the embedded bus places keys the same way, and so do outside
 * producers on the Java client, so one aggregate's events share a partition whoever writes them.
 */
export const keyPartitioner = Partitioners.DefaultPartitioner;

export type LagAdmin = Pick<Admin, 'listTopics' | 'fetchTopicOffsets' | 'fetchOffsets'>;

/**
 * Messages on `topic` the group has not committed, summed over partitions. A topic nobody has
 * published to yet does not exist on the broker: its lag is 0, not an error.
 */
export async function consumerLag(admin: LagAdmin, groupId: string, topic: string): Promise<number> {
  if (!(await admin.listTopics()).includes(topic)) return 0;
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const next = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((sum, p) => {
    const offset = next.get(p.partition) ?? -1;
    const from = offset < 0 ? Number(p.low) : offset;
    return sum + Math.max(0, Number(p.high) - from);
  }, 0);
}

/**
 * A connection made on first use and made again on the next use after it failed: a broker
 * that is down when the process starts does not leave the bus rejecting for ever.
 */
export class RetriedConnection {
  private pending?: Promise<void>;
  private attempted = false;

  constructor(private readonly connect: () => Promise<unknown>) {}

  ready(): Promise<void> {
    this.attempted = true;
    this.pending ??= this.connect().then(
      () => undefined,
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  /** Whether a connection was ever attempted (so close() knows whether there is anything to disconnect). */
  get started(): boolean {
    return this.attempted;
  }
}
