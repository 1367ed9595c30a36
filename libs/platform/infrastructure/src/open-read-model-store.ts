import type { ReadModelStore } from '@pledgebook/read-model';
import { MongoReadModelStore } from '@pledgebook/read-model-mongodb';
import { SqliteReadModelStore } from '@pledgebook/read-model-sqlite';
import { ConfigurationError, sqliteFileFromUrl } from '@pledgebook/util';

export interface OpenReadModelStoreOptions {
  baseDir?: string;
  /** Database name for MongoDB when the URL has none (a service's own database). */
  database?: string;
  /** MongoDB credentials and TLS files (from settings; kept out of the URL in config maps). */
  mongodb?: MongoSecurity;
}

export interface MongoSecurity {
  username?: string;
  password?: string;
  authSource?: string;
  tlsCaFile?: string;
  /** A PEM file with the client certificate and its key (x.509 or mutual TLS). */
  tlsCertificateKeyFile?: string;
}

/** The connection string with the credentials (user info) and TLS files (query parameters) added. */
export function mongoConnectionString(url: string, security: MongoSecurity = {}): string {
  let result = url;
  if (security.username !== undefined) {
    result = result.replace(/^(mongodb(?:\+srv)?:\/\/)(?:[^@/?#]*@)?/, `$1${encodeURIComponent(security.username)}:${encodeURIComponent(security.password ?? '')}@`);
  }
  const params: Array<[string, string | undefined]> = [
    ['authSource', security.authSource],
    ['tls', security.tlsCaFile || security.tlsCertificateKeyFile ? 'true' : undefined],
    ['tlsCAFile', security.tlsCaFile],
    ['tlsCertificateKeyFile', security.tlsCertificateKeyFile],
  ];
  const extra = params.filter(([, value]) => value !== undefined).map(([name, value]) => `${name}=${encodeURIComponent(value!)}`);
  if (extra.length === 0) return result;
  // A query needs the path slash first: mongodb://h:27017?x is refused, mongodb://h:27017/?x is not.
  if (!result.includes('?')) return `${/^mongodb(?:\+srv)?:\/\/[^/]*$/.test(result) ? `${result}/` : result}?${extra.join('&')}`;
  return `${result}&${extra.join('&')}`;
}

/** The server a READMODEL_URL names, for health answers and logs. */
export function readModelEngine(url: string): 'SQLite' | 'MongoDB' {
  return /^mongodb(\+srv)?:\/\//.test(url) ? 'MongoDB' : 'SQLite';
}

/** `sqlite:<file>` → embedded read models; `mongodb://…` / `mongodb+srv://…` → MongoDB. */
export async function openReadModelStore(url: string, options: OpenReadModelStoreOptions = {}): Promise<ReadModelStore> {
  if (url.startsWith('sqlite:')) return new SqliteReadModelStore(sqliteFileFromUrl(url, options.baseDir));
  if (/^mongodb(\+srv)?:\/\//.test(url)) return MongoReadModelStore.connect(mongoConnectionString(url, options.mongodb), { database: options.database });
  throw new ConfigurationError(`READMODEL_URL must start with sqlite: or mongodb:// (got "${url}")`, { variable: 'READMODEL_URL' });
}
