import { Kafka, logLevel, type Admin, type Consumer, type KafkaConfig, type Producer } from 'kafkajs';
import { typeFilter, type BatchHandler, type BusMessage, type ConsumeOptions, type ConsumerHandle, type MessageBus, type OutgoingMessage, type PartitionOffsets, type PartitionPosition, type RawMessage } from '@pledgebook/message-bus';
import { backoffDelay, newId } from '@pledgebook/util';
import { consumerLag, keyPartitioner, RetriedConnection } from './kafka-admin';
import { handleBatch } from './kafka-batch';
import { kafkaLogCreator, kafkaLogLevel, type LogSink } from './kafka-log';
import { fromKafkaMessage, toKafkaMessage } from './kafka-message';
import { rawFromKafkaMessage, readPartitions, topicOffsets } from './kafka-read';
import { brokersFromUrl } from './kafka-url';

export interface KafkaMessageBusOptions {
  clientId?: string;
  /** Partitions for topics this bus creates (default 4, like the embedded bus). */
  defaultPartitions?: number;
  replicationFactor?: number;
  sessionTimeoutMs?: number;
  heartbeatMs?: number;
  /** Where kafkajs's own log lines go (the process's pino logger); kafkajs prints its own format otherwise. */
  logger?: LogSink;
  /** TLS (CA, client certificate) and SASL credentials, as kafkajs takes them. */
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

/**
 * The distributed bus on Kafka through kafkajs, behind our own MessageBus interface so the
 * client library can be swapped. Idempotent producer with acks=all and the Java partitioner;
 * offsets are resolved and committed only after the handler succeeds; heartbeats continue while
 * a long handler runs. Connections are made on first use and again after a failure.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly connection: RetriedConnection;
  private readonly knownTopics = new Set<string>();
  private readonly consumers = new Set<ConsumerHandle>();
  private readonly options: Required<Omit<KafkaMessageBusOptions, 'logger' | 'security'>>;
  private readonly brokers: string[];

  constructor(url: string, options: KafkaMessageBusOptions = {}) {
    this.options = {
      clientId: options.clientId ?? 'pledgebook',
      defaultPartitions: options.defaultPartitions ?? 4,
      replicationFactor: options.replicationFactor ?? 1,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
      heartbeatMs: options.heartbeatMs ?? 3_000,
    };
    this.brokers = brokersFromUrl(url);
    this.kafka = new Kafka({
      clientId: this.options.clientId,
      brokers: this.brokers,
      ...options.security,
      ...(options.logger ? { logLevel: kafkaLogLevel(options.logger.level), logCreator: kafkaLogCreator(options.logger) } : { logLevel: logLevel.WARN }),
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: keyPartitioner });
    this.connection = new RetriedConnection(() => Promise.all([this.admin.connect(), this.producer.connect()]));
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics([topic]);
    await this.producer.send({ topic, acks: -1, messages: messages.map(toKafkaMessage) });
  }

  async consume(options: ConsumeOptions, handler: BatchHandler): Promise<ConsumerHandle> {
    const types = typeFilter(options.types);
    await this.ensureTopics(options.topics);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: this.options.heartbeatMs,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
    let stopping = false;
    const batchOptions = {
      maxBatch: options.maxBatch ?? 100,
      ...(types ? { types } : {}),
      heartbeatMs: this.options.heartbeatMs,
      stopping: () => stopping,
      backoffMs: (failures: number) => backoffDelay(failures, 100, 5_000),
    };
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => handleBatch(payload, handler, batchOptions) });
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
              found.push(fromKafkaMessage(topic, partition, message));
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

  async read(topic: string, from: readonly PartitionPosition[], options: { limit?: number } = {}): Promise<BusMessage[]> {
    await this.ensureTopics([topic]);
    return readPartitions(this.kafka, this.admin, topic, from, options.limit ?? 100, (partition, message) => fromKafkaMessage(topic, partition, message));
  }

  /** `read`'s fetch, each record's value handed on as the Buffer kafkajs fetched (no attributes: readers parse for them). */
  async readRaw(topic: string, from: readonly PartitionPosition[], options: { limit?: number } = {}): Promise<RawMessage[]> {
    await this.ensureTopics([topic]);
    return readPartitions(this.kafka, this.admin, topic, from, options.limit ?? 100, rawFromKafkaMessage);
  }

  async offsets(topic: string, options: { at?: Date } = {}): Promise<PartitionOffsets[]> {
    await this.ensureTopics([topic]);
    return topicOffsets(this.admin, topic, options.at);
  }

  async lag(groupId: string, topic: string): Promise<number> {
    await this.connection.ready();
    return consumerLag(this.admin, groupId, topic);
  }

  async ping(): Promise<void> {
    try {
      await this.connection.ready();
      await this.admin.describeCluster();
    } catch (error) {
      throw new Error(`Kafka (${this.brokers.join(',')}) does not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    // Never waits for a connection still being attempted (a broker that is down): it is dropped.
    if (this.connection.started) await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private async ensureTopics(topics: readonly string[]): Promise<void> {
    await this.connection.ready();
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({ topic, numPartitions: this.options.defaultPartitions, replicationFactor: this.options.replicationFactor })),
      });
    }
    for (const t of missing) this.knownTopics.add(t);
  }
}
