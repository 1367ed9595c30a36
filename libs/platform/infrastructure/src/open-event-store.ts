import type { EventStore } from '@pledgebook/event-store';
import { EsdbEventStore } from '@pledgebook/event-store-esdb';
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { ConfigurationError, sqliteFileFromUrl, type Clock } from '@pledgebook/util';

export interface OpenEventStoreOptions {
  clock?: Clock;
  /** Base for relative sqlite paths (default: the working directory). */
  baseDir?: string;
}

const ESDB_URL = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\//;

/** The server an EVENTSTORE_URL names, for health answers and logs. */
export function eventStoreEngine(url: string): 'SQLite' | 'EventStoreDB' {
  return ESDB_URL.test(url) ? 'EventStoreDB' : 'SQLite';
}

/** `sqlite:<file>` → the embedded store; `esdb://…` (or `kurrentdb://…`) → EventStoreDB. */
export async function openEventStore(url: string, options: OpenEventStoreOptions = {}): Promise<EventStore> {
  if (url.startsWith('sqlite:')) return new SqliteEventStore(sqliteFileFromUrl(url, options.baseDir), { clock: options.clock });
  if (ESDB_URL.test(url)) {
    return new EsdbEventStore(url.replace(/^kurrentdb/, 'esdb'), { clock: options.clock });
  }
  throw new ConfigurationError(`EVENTSTORE_URL must start with sqlite: or esdb:// (got "${url}")`, { variable: 'EVENTSTORE_URL' });
}
