import type { MessageBus } from '@pledgebook/message-bus';
import { KafkaMessageBus, type LogSink } from '@pledgebook/message-bus-kafka';
import { SqliteMessageBus } from '@pledgebook/message-bus-sqlite';
import { ConfigurationError, sqliteFileFromUrl } from '@pledgebook/util';

export interface OpenMessageBusOptions {
  baseDir?: string;
  clientId?: string;
  /** The process's logger: a distributed bus's client library logs through it. */
  logger?: LogSink;
}

/** The server a BUS_URL names, for health answers and logs. */
export function messageBusEngine(url: string): 'SQLite' | 'Kafka' {
  return url.startsWith('kafka://') ? 'Kafka' : 'SQLite';
}

/** `sqlite:<file>` → the embedded bus; `kafka://host:9092,…` → Kafka. */
export async function openMessageBus(url: string, options: OpenMessageBusOptions = {}): Promise<MessageBus> {
  if (url.startsWith('sqlite:')) return new SqliteMessageBus(sqliteFileFromUrl(url, options.baseDir));
  if (url.startsWith('kafka://')) return new KafkaMessageBus(url, { clientId: options.clientId, logger: options.logger });
  throw new ConfigurationError(`BUS_URL must start with sqlite: or kafka:// (got "${url}")`, { variable: 'BUS_URL' });
}
