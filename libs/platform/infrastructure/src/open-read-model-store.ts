import type { ReadModelStore } from '@pledgebook/read-model';
import { MongoReadModelStore } from '@pledgebook/read-model-mongodb';
import { SqliteReadModelStore } from '@pledgebook/read-model-sqlite';
import { ConfigurationError, sqliteFileFromUrl } from '@pledgebook/util';

export interface OpenReadModelStoreOptions {
  baseDir?: string;
  /** Database name for MongoDB when the URL has none (a service's own database). */
  database?: string;
}

/** The server a READMODEL_URL names, for health answers and logs. */
export function readModelEngine(url: string): 'SQLite' | 'MongoDB' {
  return /^mongodb(\+srv)?:\/\//.test(url) ? 'MongoDB' : 'SQLite';
}

/** `sqlite:<file>` → embedded read models; `mongodb://…` / `mongodb+srv://…` → MongoDB. */
export async function openReadModelStore(url: string, options: OpenReadModelStoreOptions = {}): Promise<ReadModelStore> {
  if (url.startsWith('sqlite:')) return new SqliteReadModelStore(sqliteFileFromUrl(url, options.baseDir));
  if (/^mongodb(\+srv)?:\/\//.test(url)) return MongoReadModelStore.connect(url, { database: options.database });
  throw new ConfigurationError(`READMODEL_URL must start with sqlite: or mongodb:// (got "${url}")`, { variable: 'READMODEL_URL' });
}
