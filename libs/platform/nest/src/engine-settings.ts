import type { EsdbSecurity, KafkaSettings, MongoSecurity } from '@pledgebook/infrastructure';
import { ConfigurationError } from '@pledgebook/util';
import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * Credentials and TLS for the distributed engines. In Kubernetes they come from Secrets as
 * environment variables (passwords) and mounted files (CA, certificates, keys); the URLs in the
 * config map stay free of secrets. Parsed with the service's other settings (service-config.ts).
 */
export const ENGINE_SETTINGS = {
  EVENTSTORE_USERNAME: z.string().min(1).optional(),
  EVENTSTORE_PASSWORD: z.string().min(1).optional(),
  EVENTSTORE_TLS_CA_FILE: z.string().min(1).optional(),
  EVENTSTORE_CERT_FILE: z.string().min(1).optional(),
  EVENTSTORE_KEY_FILE: z.string().min(1).optional(),
  KAFKA_TLS: z.enum(['true', 'false']).optional(),
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  KAFKA_TLS_CERT_FILE: z.string().min(1).optional(),
  KAFKA_TLS_KEY_FILE: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).optional(),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).optional(),
  MONGODB_USERNAME: z.string().min(1).optional(),
  MONGODB_PASSWORD: z.string().min(1).optional(),
  MONGODB_AUTH_SOURCE: z.string().min(1).optional(),
  MONGODB_TLS_CA_FILE: z.string().min(1).optional(),
  MONGODB_TLS_CERT_KEY_FILE: z.string().min(1).optional(),
};

type EngineSettings = { [K in keyof typeof ENGINE_SETTINGS]?: z.infer<(typeof ENGINE_SETTINGS)[K]> };

export interface EngineConnections {
  eventStore?: EsdbSecurity;
  bus?: KafkaSettings;
  readModel?: MongoSecurity;
}

const fail = (variable: string, message: string): never => {
  throw new ConfigurationError(`${variable}: ${message}`, { variable });
};

/** Names the first setting among `names` that is set, for an error about settings the URL cannot use. */
function anySet(e: EngineSettings, names: ReadonlyArray<keyof EngineSettings>): keyof EngineSettings | undefined {
  return names.find((name) => e[name] !== undefined);
}

function checkFiles(e: EngineSettings, names: ReadonlyArray<keyof EngineSettings>, fileExists: (path: string) => boolean): void {
  for (const name of names) {
    const path = e[name];
    if (typeof path === 'string' && !fileExists(path)) fail(name, `no file at ${path} (mount the Secret that holds it there)`);
  }
}

/** Both or neither: a user name without its password (or a certificate without its key) is a mistake. */
function pair(e: EngineSettings, first: keyof EngineSettings, second: keyof EngineSettings): void {
  if (e[first] !== undefined && e[second] === undefined) fail(second, `must be set together with ${first}`);
  if (e[second] !== undefined && e[first] === undefined) fail(first, `must be set together with ${second}`);
}

const hasUserInfo = (url: string) => /^[a-z+]+:\/\/[^/?#]*@/.test(url);

function eventStore(e: EngineSettings, url: string): EsdbSecurity | undefined {
  const names = ['EVENTSTORE_USERNAME', 'EVENTSTORE_PASSWORD', 'EVENTSTORE_TLS_CA_FILE', 'EVENTSTORE_CERT_FILE', 'EVENTSTORE_KEY_FILE'] as const;
  const set = anySet(e, names);
  if (!set) return undefined;
  if (url.startsWith('sqlite:')) fail(set, 'applies to EventStoreDB only, but EVENTSTORE_URL names a SQLite file');
  pair(e, 'EVENTSTORE_USERNAME', 'EVENTSTORE_PASSWORD');
  pair(e, 'EVENTSTORE_CERT_FILE', 'EVENTSTORE_KEY_FILE');
  if (e.EVENTSTORE_USERNAME && hasUserInfo(url)) fail('EVENTSTORE_USERNAME', 'EVENTSTORE_URL already carries a user: set the credentials in one place');
  if (e.EVENTSTORE_TLS_CA_FILE && /[?&]tls=false\b/i.test(url)) fail('EVENTSTORE_TLS_CA_FILE', 'is set, but EVENTSTORE_URL turns TLS off (tls=false)');
  return {
    ...(e.EVENTSTORE_USERNAME ? { username: e.EVENTSTORE_USERNAME, password: e.EVENTSTORE_PASSWORD } : {}),
    ...(e.EVENTSTORE_TLS_CA_FILE ? { tlsCaFile: e.EVENTSTORE_TLS_CA_FILE } : {}),
    ...(e.EVENTSTORE_CERT_FILE ? { userCertFile: e.EVENTSTORE_CERT_FILE, userKeyFile: e.EVENTSTORE_KEY_FILE } : {}),
  };
}

function bus(e: EngineSettings, url: string): KafkaSettings | undefined {
  const names = ['KAFKA_TLS', 'KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_PARTITIONS', 'KAFKA_REPLICATION_FACTOR'] as const;
  const set = anySet(e, names);
  if (!set) return undefined;
  if (url.startsWith('sqlite:')) fail(set, 'applies to Kafka only, but BUS_URL names a SQLite file');
  pair(e, 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE');
  pair(e, 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD');
  if (e.KAFKA_SASL_USERNAME && !e.KAFKA_SASL_MECHANISM) fail('KAFKA_SASL_MECHANISM', 'must name the mechanism (scram-sha-512, scram-sha-256 or plain) when KAFKA_SASL_USERNAME is set');
  if (e.KAFKA_SASL_MECHANISM && !e.KAFKA_SASL_USERNAME) fail('KAFKA_SASL_USERNAME', `must be set for ${e.KAFKA_SASL_MECHANISM}`);
  const files = e.KAFKA_TLS_CA_FILE ?? e.KAFKA_TLS_CERT_FILE;
  if (e.KAFKA_TLS === 'false' && files) fail('KAFKA_TLS', 'is false, but TLS files are set (KAFKA_TLS_CA_FILE, KAFKA_TLS_CERT_FILE)');
  // Plain passwords only inside TLS: PLAIN over an open connection would send them in the clear.
  const tls = e.KAFKA_TLS === 'true' || files !== undefined;
  if (e.KAFKA_SASL_MECHANISM === 'plain' && !tls) fail('KAFKA_SASL_MECHANISM', 'plain sends the password in the clear: turn KAFKA_TLS on or use scram-sha-512');
  return {
    ...(tls ? { tls: { ...(e.KAFKA_TLS_CA_FILE ? { caFile: e.KAFKA_TLS_CA_FILE } : {}), ...(e.KAFKA_TLS_CERT_FILE ? { certFile: e.KAFKA_TLS_CERT_FILE, keyFile: e.KAFKA_TLS_KEY_FILE } : {}) } } : {}),
    ...(e.KAFKA_SASL_MECHANISM ? { sasl: { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME!, password: e.KAFKA_SASL_PASSWORD! } } : {}),
    ...(e.KAFKA_PARTITIONS ? { partitions: e.KAFKA_PARTITIONS } : {}),
    ...(e.KAFKA_REPLICATION_FACTOR ? { replicationFactor: e.KAFKA_REPLICATION_FACTOR } : {}),
  };
}

function readModel(e: EngineSettings, url: string): MongoSecurity | undefined {
  const names = ['MONGODB_USERNAME', 'MONGODB_PASSWORD', 'MONGODB_AUTH_SOURCE', 'MONGODB_TLS_CA_FILE', 'MONGODB_TLS_CERT_KEY_FILE'] as const;
  const set = anySet(e, names);
  if (!set) return undefined;
  if (url.startsWith('sqlite:')) fail(set, 'applies to MongoDB only, but READMODEL_URL names a SQLite file');
  pair(e, 'MONGODB_USERNAME', 'MONGODB_PASSWORD');
  if (e.MONGODB_USERNAME && hasUserInfo(url)) fail('MONGODB_USERNAME', 'READMODEL_URL already carries a user: set the credentials in one place');
  if ((e.MONGODB_TLS_CA_FILE || e.MONGODB_TLS_CERT_KEY_FILE) && /[?&](tls|ssl)=false\b/i.test(url)) fail(e.MONGODB_TLS_CA_FILE ? 'MONGODB_TLS_CA_FILE' : 'MONGODB_TLS_CERT_KEY_FILE', 'is set, but READMODEL_URL turns TLS off');
  return {
    ...(e.MONGODB_USERNAME ? { username: e.MONGODB_USERNAME, password: e.MONGODB_PASSWORD } : {}),
    ...(e.MONGODB_AUTH_SOURCE ? { authSource: e.MONGODB_AUTH_SOURCE } : {}),
    ...(e.MONGODB_TLS_CA_FILE ? { tlsCaFile: e.MONGODB_TLS_CA_FILE } : {}),
    ...(e.MONGODB_TLS_CERT_KEY_FILE ? { tlsCertificateKeyFile: e.MONGODB_TLS_CERT_KEY_FILE } : {}),
  };
}

/**
 * The engines' credentials and TLS from parsed settings, checked against the URLs they go with;
 * a file that is not there stops the process naming its setting (a Secret not mounted).
 */
export function engineConnections(e: EngineSettings, urls: { eventStore: string; bus: string; readModel: string }, fileExists: (path: string) => boolean = existsSync): EngineConnections {
  checkFiles(e, ['EVENTSTORE_TLS_CA_FILE', 'EVENTSTORE_CERT_FILE', 'EVENTSTORE_KEY_FILE', 'KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE', 'MONGODB_TLS_CA_FILE', 'MONGODB_TLS_CERT_KEY_FILE'], fileExists);
  const connections: EngineConnections = {};
  const eventStoreSecurity = eventStore(e, urls.eventStore);
  const busSettings = bus(e, urls.bus);
  const readModelSecurity = readModel(e, urls.readModel);
  if (eventStoreSecurity) connections.eventStore = eventStoreSecurity;
  if (busSettings) connections.bus = busSettings;
  if (readModelSecurity) connections.readModel = readModelSecurity;
  return connections;
}
