import { Kafka, logLevel, type Admin, type Consumer, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import type { BatchHandler, BusMessage, ConsumeOptions, ConsumerHandle, Headers, MessageBus, OutgoingMessage } from '@pledgebook/message-bus';
import { backoffDelay, newId, sleep } from '@pledgebook/util';
import { brokersFromUrl } from './kafka-url';

export interface KafkaMessageBusOptions {
  clientId?: string;
  /** Partitions for topics this bus creates (default 4, like the embedded bus). */
  defaultPartitions?: number;
  replicationFactor?: number;
  sessionTimeoutMs?: number;
  heartbeatMs?: number;
}

function headersOf(raw: IHeaders | undefined): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return headers;
}

function toMessage(topic: string, partition: number, message: KafkaMessage): BusMessage {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key?.toString() ?? '',
    value: JSON.parse(message.value?.toString() ?? 'null'),
    headers: headersOf(message.headers),
  };
}

/**
 * The distributed bus on Kafka through kafkajs, behind our own MessageBus interface so the
 * client library can be swapped. Idempotent producer with acks=all; offsets are committed
 * only after the handler succeeds; heartbeats continue while a long handler runs.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly ready: Promise<void>;
  private readonly knownTopics = new Set<string>();
  private readonly consumers = new Set<ConsumerHandle>();
  private readonly options: Required<KafkaMessageBusOptions>;

  constructor(url: string, options: KafkaMessageBusOptions = {}) {
    this.options = {
      clientId: options.clientId ?? 'pledgebook',
      defaultPartitions: options.defaultPartitions ?? 4,
      replicationFactor: options.replicationFactor ?? 1,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
      heartbeatMs: options.heartbeatMs ?? 3_000,
    };
    this.kafka = new Kafka({ clientId: this.options.clientId, brokers: brokersFromUrl(url), logLevel: logLevel.WARN });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.ready = Promise.all([this.admin.connect(), this.producer.connect()]).then(() => undefined);
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics([topic]);
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value), headers: m.headers ?? {} })),
    });
  }

  async consume(options: ConsumeOptions, handler: BatchHandler): Promise<ConsumerHandle> {
    await this.ensureTopics(options.topics);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: this.options.heartbeatMs,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
    const maxBatch = options.maxBatch ?? 100;
    let stopping = false;
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
        const all = batch.messages.map((m) => toMessage(batch.topic, batch.partition, m));
        for (let i = 0; i < all.length; i += maxBatch) {
          const chunk = all.slice(i, i + maxBatch);
          for (let failures = 0; ; failures += 1) {
            if (!isRunning() || isStale() || stopping) return;
            const beat = setInterval(() => void heartbeat().catch(() => undefined), this.options.heartbeatMs);
            try {
              await handler(chunk);
              break;
            } catch {
              await sleep(backoffDelay(failures + 1, 100, 5_000));
            } finally {
              clearInterval(beat);
            }
          }
          const last = chunk[chunk.length - 1]!;
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(last.offset + 1) }]);
          await heartbeat();
        }
      },
    });
    const crashed = new Promise<void>((_, reject) =>
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) reject(event.payload.error);
      }),
    );
    let resolveStopped!: () => void;
    const stopped = new Promise<void>((r) => (resolveStopped = r));
    const handle: ConsumerHandle = {
      done: Promise.race([stopped, crashed]),
      stop: async () => {
        stopping = true;
        await consumer.disconnect();
        resolveStopped();
        this.consumers.delete(handle);
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  async browse(topic: string, options: { limit?: number } = {}): Promise<BusMessage[]> {
    await this.ensureTopics([topic]);
    const ends = await this.admin.fetchTopicOffsets(topic);
    const remaining = new Map(ends.map((p) => [p.partition, Number(p.high)]));
    for (const [partition, high] of remaining) if (high === 0) remaining.delete(partition);
    if (remaining.size === 0) return [];
    const groupId = `pledgebook-browse-${newId()}`;
    const consumer: Consumer = this.kafka.consumer({ groupId });
    const found: BusMessage[] = [];
    const limit = options.limit ?? 10_000;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              found.push(toMessage(topic, partition, message));
              if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
              if (remaining.size === 0 || found.length >= limit) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await this.admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return found.sort((a, b) => (a.value.time < b.value.time ? -1 : a.value.time > b.value.time ? 1 : a.partition - b.partition || a.offset - b.offset));
  }

  async lag(groupId: string, topic: string): Promise<number> {
    await this.ready;
    const ends = await this.admin.fetchTopicOffsets(topic);
    const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    const next = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((sum, p) => {
      const offset = next.get(p.partition) ?? -1;
      const from = offset < 0 ? Number(p.low) : offset;
      return sum + Math.max(0, Number(p.high) - from);
    }, 0);
  }

  async ping(): Promise<void> {
    await this.ready;
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await this.ready.catch(() => undefined);
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private async ensureTopics(topics: readonly string[]): Promise<void> {
    await this.ready;
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({
          topic,
          numPartitions: this.options.defaultPartitions,
          replicationFactor: this.options.replicationFactor,
        })),
      });
    }
    for (const t of missing) this.knownTopics.add(t);
  }
}
