import type { EventStore } from '@pledgebook/event-store';
import { EsdbEventStore } from '@pledgebook/event-store-esdb';
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { ConfigurationError, sqliteFileFromUrl, type Clock } from '@pledgebook/util';

export interface OpenEventStoreOptions {
  clock?: Clock;
  /** Base for relative sqlite paths (default: the working directory). */
  baseDir?: string;
  /** EventStoreDB credentials and TLS files (from settings; kept out of the URL in config maps). */
  esdb?: EsdbSecurity;
}

export interface EsdbSecurity {
  username?: string;
  password?: string;
  /** The CA that signed the server certificates (`tlsCAFile`). */
  tlsCaFile?: string;
  /** A user certificate and key instead of a password (`userCertFile`, `userKeyFile`). */
  userCertFile?: string;
  userKeyFile?: string;
}

/** The connection string with the credentials and TLS files added (user info and query parameters). */
export function esdbConnectionString(url: string, security: EsdbSecurity = {}): string {
  let result = url.replace(/^kurrentdb/, 'esdb');
  if (security.username !== undefined) {
    result = result.replace(/^([a-z+]+:\/\/)(?:[^@/?#]*@)?/, `$1${encodeURIComponent(security.username)}:${encodeURIComponent(security.password ?? '')}@`);
  }
  const params: Array<[string, string | undefined]> = [
    ['tlsCAFile', security.tlsCaFile],
    ['userCertFile', security.userCertFile],
    ['userKeyFile', security.userKeyFile],
  ];
  for (const [name, value] of params) {
    if (value !== undefined) result += `${result.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
  }
  return result;
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
    return new EsdbEventStore(esdbConnectionString(url, options.esdb), { clock: options.clock });
  }
  throw new ConfigurationError(`EVENTSTORE_URL must start with sqlite: or esdb:// (got "${url}")`, { variable: 'EVENTSTORE_URL' });
}
