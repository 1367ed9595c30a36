import { ConfigurationError } from '@pledgebook/util';
import { join } from 'node:path';
import { z } from 'zod';
import { parseRoleMap, type ClaimMapping } from './auth/claim-mapping';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './auth/token-lifetime';
import { engineConnections, ENGINE_SETTINGS, type EngineConnections } from './engine-settings';
import type { AuthConfig } from './auth/token-verifier';

/** The services and their port offsets from PLEDGEBOOK_SERVICE_PORT_BASE (DESIGN.md §2). */
export const SERVICES = {
  'pledge-service': 1,
  'review-service': 2,
  'appraisal-service': 3,
  'reward-service': 4,
} as const;

export type ServiceName = keyof typeof SERVICES;

export interface ServiceConfig {
  service: ServiceName;
  port: number;
  host: string;
  dataDir: string;
  eventStoreUrl: string;
  busUrl: string;
  readModelUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  auth: AuthConfig;
  /** Largest JSON body accepted (bytes); larger is a 413. */
  bodyLimit: number;
  /** `all` (HTTP and the work), `api` (HTTP only) or `worker` (the work, under the context's lease). */
  processRole: 'api' | 'worker' | 'all';
  workerLeaseTtlMs: number;
  /** Credentials, TLS and topic layout for the distributed engines; absent on the embedded profile. */
  engines?: EngineConnections;
  /** Where evidence files (photos, scans) are kept and what is accepted (ADR 0075). */
  evidence: EvidenceSettings;
}

export interface EvidenceSettings {
  /** `file:<directory>` (embedded) or `s3://<bucket>[/<prefix>]?endpoint=…` (distributed). */
  storeUrl: string;
  /** Largest file accepted (bytes); larger is a 413. */
  maxBytes: number;
  /** Media types accepted; the bytes must be of the type they are sent as (else 415). */
  mediaTypes: string[];
  s3Credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The media types evidence may have: those whose bytes the services recognise (see evidence/media-types.ts). */
export const EVIDENCE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

/** Evidence settings, read by the services that keep evidence and by the gateway (its upload limit). */
export const EVIDENCE_SETTINGS = {
  EVIDENCE_STORE_URL: z.string().regex(/^(file:.|s3:\/\/)/, 'must start with file: or s3://').optional(),
  EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  EVIDENCE_MEDIA_TYPES: z
    .string()
    .default(EVIDENCE_MEDIA_TYPES.join(','))
    .transform((text) => text.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))
    .refine((types) => types.length > 0 && types.every((t) => (EVIDENCE_MEDIA_TYPES as readonly string[]).includes(t)), `a comma-separated list of ${EVIDENCE_MEDIA_TYPES.join(', ')}`),
  EVIDENCE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  EVIDENCE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};

/** Claim mapping for an OIDC issuer's tokens (distributed profile); the defaults read the gateway's. */
export const AUTH_CLAIM_SETTINGS = {
  AUTH_CLAIM_SUBJECT: z.string().min(1).default('sub'),
  AUTH_CLAIM_BUREAU: z.string().min(1).default('bureauId'),
  AUTH_CLAIM_ROLES: z.string().min(1).default('roles'),
  AUTH_CLAIM_ORG_UNITS: z.string().min(1).default('orgUnitIds'),
  AUTH_ROLE_MAP: z
    .string()
    .optional()
    .refine((text) => {
      try {
        parseRoleMap(text);
        return true;
      } catch {
        return false;
      }
    }, 'must be issuer-role=pledgebook-role pairs separated by commas'),
};

/** The longest bearer-token lifetime any process accepts (seconds, at most a week); read by the services and the gateway. */
export const AUTH_LIFETIME_SETTINGS = {
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
};

/** The claim mapping from settings parsed with AUTH_CLAIM_SETTINGS. */
export function claimMappingFrom(e: { AUTH_CLAIM_SUBJECT: string; AUTH_CLAIM_BUREAU: string; AUTH_CLAIM_ROLES: string; AUTH_CLAIM_ORG_UNITS: string; AUTH_ROLE_MAP?: string | undefined }): ClaimMapping {
  const roleMap = parseRoleMap(e.AUTH_ROLE_MAP);
  return { subject: e.AUTH_CLAIM_SUBJECT, bureau: e.AUTH_CLAIM_BUREAU, roles: e.AUTH_CLAIM_ROLES, orgUnits: e.AUTH_CLAIM_ORG_UNITS, ...(roleMap ? { roleMap } : {}) };
}

const port = z.coerce.number().int().min(1).max(65535);
const schema = z.object({
  PLEDGEBOOK_DATA_DIR: z.string().min(1).default('./data'),
  PLEDGEBOOK_SERVICE_PORT_BASE: port.default(3100),
  PLEDGEBOOK_HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.optional(),
  EVENTSTORE_URL: z.string().regex(/^(sqlite:|esdb|kurrentdb)/, 'must start with sqlite: or esdb://').optional(),
  BUS_URL: z.string().regex(/^(sqlite:|kafka:\/\/)/, 'must start with sqlite: or kafka://').optional(),
  READMODEL_URL: z.string().regex(/^(sqlite:|mongodb(\+srv)?:\/\/)/, 'must start with sqlite: or mongodb://').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).default('pledgebook'),
  AUTH_AUDIENCE: z.string().min(1).default('pledgebook'),
  ...AUTH_CLAIM_SETTINGS,
  ...AUTH_LIFETIME_SETTINGS,
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(256 * 1024),
  PLEDGEBOOK_PROCESS_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  PLEDGEBOOK_WORKER_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(15),
  ...ENGINE_SETTINGS,
  ...EVIDENCE_SETTINGS,
}).refine((e) => !e.EVIDENCE_S3_ACCESS_KEY_ID === !e.EVIDENCE_S3_SECRET_ACCESS_KEY, { message: 'set both EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY, or neither', path: ['EVIDENCE_S3_SECRET_ACCESS_KEY'] });

/** Parses settings with a zod schema; the first problem stops start-up with an error naming its variable. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'environment');
  throw new ConfigurationError(`${variable}: ${issue.message}`, { variable });
}

/**
 * Validates a service's settings once, at start-up. A bad value stops the process with a
 * ConfigurationError naming the variable. Called from each app's config.ts, the one place
 * that reads the environment.
 */
export function parseServiceConfig(service: ServiceName, env: Record<string, string | undefined>): ServiceConfig {
  const e = parseEnvironment(schema, env);
  const dataDir = e.PLEDGEBOOK_DATA_DIR;
  const eventStoreUrl = e.EVENTSTORE_URL ?? `sqlite:${join(dataDir, 'eventstore.db')}`;
  const busUrl = e.BUS_URL ?? `sqlite:${join(dataDir, 'bus.db')}`;
  const readModelUrl = e.READMODEL_URL ?? `sqlite:${join(dataDir, `${service.replace(/-service$/, '')}-views.db`)}`;
  const engines = engineConnections(e, { eventStore: eventStoreUrl, bus: busUrl, readModel: readModelUrl });
  return {
    service,
    port: e.PORT ?? e.PLEDGEBOOK_SERVICE_PORT_BASE + SERVICES[service],
    host: e.PLEDGEBOOK_HOST,
    dataDir,
    eventStoreUrl,
    busUrl,
    readModelUrl,
    logLevel: e.LOG_LEVEL,
    // Embedded profile: the gateway publishes its signing keys to <data>/jwks.json.
    auth: {
      ...(e.AUTH_JWKS_URL ? { jwksUrl: e.AUTH_JWKS_URL } : { jwksFile: e.AUTH_JWKS_FILE ?? join(dataDir, 'jwks.json') }),
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      claims: claimMappingFrom(e),
      maxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    },
    bodyLimit: e.BODY_LIMIT_BYTES,
    processRole: e.PLEDGEBOOK_PROCESS_ROLE,
    workerLeaseTtlMs: e.PLEDGEBOOK_WORKER_LEASE_SECONDS * 1000,
    ...(Object.keys(engines).length > 0 ? { engines } : {}),
    evidence: {
      storeUrl: e.EVIDENCE_STORE_URL ?? `file:${join(dataDir, 'evidence')}`,
      maxBytes: e.EVIDENCE_MAX_BYTES,
      mediaTypes: e.EVIDENCE_MEDIA_TYPES,
      ...(e.EVIDENCE_S3_ACCESS_KEY_ID && e.EVIDENCE_S3_SECRET_ACCESS_KEY ? { s3Credentials: { accessKeyId: e.EVIDENCE_S3_ACCESS_KEY_ID, secretAccessKey: e.EVIDENCE_S3_SECRET_ACCESS_KEY } } : {}),
    },
  };
}
