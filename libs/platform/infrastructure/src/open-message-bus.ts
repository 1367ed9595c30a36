import type { MessageBus } from '@pledgebook/message-bus';
import { KafkaMessageBus, type LogSink } from '@pledgebook/message-bus-kafka';
import type { SASLOptions } from 'kafkajs';
import { SqliteMessageBus } from '@pledgebook/message-bus-sqlite';
import { ConfigurationError, sqliteFileFromUrl } from '@pledgebook/util';
import { readFileSync } from 'node:fs';

export interface OpenMessageBusOptions {
  baseDir?: string;
  clientId?: string;
  /** The process's logger: a distributed bus's client library logs through it. */
  logger?: LogSink;
  /** Kafka: TLS, SASL and how topics this bus creates are laid out (from settings). */
  kafka?: KafkaSettings;
}

export interface KafkaSettings {
  /** TLS to the brokers; the files are read when the bus is opened. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Partitions and replication factor of the topics the bus creates. */
  partitions?: number;
  replicationFactor?: number;
}

/** kafkajs's ssl and sasl options from the settings (the PEM files read here). */
export function kafkaSecurity(settings: KafkaSettings = {}, read: (file: string) => string = (file) => readFileSync(file, 'utf8')) {
  const { tls, sasl } = settings;
  return {
    ...(tls ? { ssl: { rejectUnauthorized: true, ...(tls.caFile ? { ca: [read(tls.caFile)] } : {}), ...(tls.certFile ? { cert: read(tls.certFile) } : {}), ...(tls.keyFile ? { key: read(tls.keyFile) } : {}) } } : {}),
    // kafkajs types each mechanism apart; all three take a user name and password.
    ...(sasl ? { sasl: { ...sasl } as SASLOptions } : {}),
  };
}

/** The server a BUS_URL names, for health answers and logs. */
export function messageBusEngine(url: string): 'SQLite' | 'Kafka' {
  return url.startsWith('kafka://') ? 'Kafka' : 'SQLite';
}

/** `sqlite:<file>` → the embedded bus; `kafka://host:9092,…` → Kafka. */
export async function openMessageBus(url: string, options: OpenMessageBusOptions = {}): Promise<MessageBus> {
  if (url.startsWith('sqlite:')) return new SqliteMessageBus(sqliteFileFromUrl(url, options.baseDir));
  if (url.startsWith('kafka://')) {
    const { partitions, replicationFactor } = options.kafka ?? {};
    return new KafkaMessageBus(url, {
      clientId: options.clientId,
      logger: options.logger,
      security: kafkaSecurity(options.kafka),
      ...(partitions ? { defaultPartitions: partitions } : {}),
      ...(replicationFactor ? { replicationFactor } : {}),
    });
  }
  throw new ConfigurationError(`BUS_URL must start with sqlite: or kafka:// (got "${url}")`, { variable: 'BUS_URL' });
}
