import { AllowList, parseSecretKeys, type SecretKey } from '@pledgebook/gateway-subscriptions';
import { AUTH_CLAIM_SETTINGS, AUTH_LIFETIME_SETTINGS, claimMappingFrom, ENGINE_SETTINGS, engineConnections, EVIDENCE_SETTINGS, parseEnvironment, type AuthConfig, type EngineConnections, type LogLevel } from '@pledgebook/nest';
import { join } from 'node:path';
import { z } from 'zod';

export interface GatewayConfig {
  service: 'gateway';
  port: number;
  host: string;
  dataDir: string;
  /** Set on first start for the system admin `admin`; generated and printed once when absent. */
  adminPassword?: string;
  logLevel: LogLevel;
  tokenTtlSeconds: number;
  /** How long a sign-in session (its refresh token) lasts before the person signs in again. */
  sessionTtlSeconds: number;
  /** The built web console served at `/` (when it exists). */
  consoleDir: string;
  /**
   * `local`: the gateway keeps accounts and signs tokens (embedded profile). `oidc`: an external
   * issuer signs them (AUTH_JWKS_URL set); the gateway keeps no accounts and only verifies.
   */
  identity: 'local' | 'oidc';
  auth: AuthConfig;
  /** Logins per client address per minute before 429. */
  loginRateLimitPerMinute: number;
  bodyLimit: number;
  /** Largest evidence file passed on to the services (the same EVIDENCE_MAX_BYTES they read). */
  evidenceMaxBytes: number;
  /** A proxied request the service has not answered by then is aborted with 504. */
  upstreamTimeoutMs: number;
  /**
   * Addresses of the proxies in front of the gateway (an ingress): the client address for the
   * login rate limit is the nearest X-Forwarded-For entry that is not one of them.
   */
  trustedProxies: string[];
  /** Where each service answers (routing of /api/v1/*). */
  services: Record<'pledge-service' | 'review-service' | 'appraisal-service' | 'reward-service', string>;
  /** The auditor's record (ADRs 0055–0058): the shared event store, the audit index, checkpoints and exports. */
  audit: AuditSettings;
  /** Outside subscriptions: webhooks and the event feed (ADRs 0051–0054). */
  subscriptions: SubscriptionSettings;
  /** Reminders to people: the inbox and mail (ADRs 0072–0073). */
  reminders: ReminderSettings;
}

/** The stores a gateway worker reads and writes, and its role and lease (subscriptions and reminders alike). */
interface WorkerStores {
  busUrl: string;
  eventStoreUrl: string;
  readModelUrl: string;
  engines: EngineConnections;
  processRole: 'api' | 'worker' | 'all';
  workerLeaseTtlMs: number;
}

/** `readModelUrl`: the inbox and what the reminders know (embedded: reminders-views.db). */
export interface ReminderSettings extends WorkerStores {
  /** Mail through this SMTP server (smtp:// or smtps://, credentials in the URL); no mail without it. */
  smtp?: { url: string; from: string };
  /** Dates (talks due, the month of a check) are the bureau's: this time zone. */
  timeZone: string;
  /** How often the due scan looks for reviews, talks and checks past their time. */
  scanIntervalMs: number;
}

export interface SubscriptionSettings {
  /** The bus the subscriptions read (the services publish there). */
  busUrl: string;
  /** The shared event store: the gateway records the bureaus it learns in streams of its own. */
  eventStoreUrl: string;
  /** Subscriptions, delivery state and the bureau view (embedded: gateway-views.db). */
  readModelUrl: string;
  engines: EngineConnections;
  /** `all`, `api` (HTTP only) or `worker` (delivery and the bureau facts, under the gateway's lease). */
  processRole: 'api' | 'worker' | 'all';
  workerLeaseTtlMs: number;
  /** Hosts webhooks may go to, set by the system admin: names, *.wildcards, addresses, CIDR ranges. */
  allowedHosts: string[];
  /** Webhook targets must be https:// (default: on the distributed profile, a kafka:// BUS_URL). */
  requireHttps: boolean;
  deliveryTimeoutMs: number;
  /** A failing delivery is retried this long after its first failure, then parked and its subscription paused. */
  retryHorizonMs: number;
  /** Scheduler time runs this many times faster: retry drills and tests only (1 in operation). */
  clockRate: number;
  /**
   * Keys that seal webhook signing secrets at rest (ADR 0082): from SUBSCRIPTIONS_SECRET_KEYS (the
   * first seals, the others only open), else a key file in the data directory, made on first start.
   */
  secretKeys: { keys: SecretKey[] } | { file: string };
}

export interface AuditSettings {
  /** The event store every service writes (embedded: the same eventstore.db). */
  eventStoreUrl: string;
  /** Where the audit index is kept (a read model, rebuilt from the store when lost). */
  readModelUrl: string;
  /** A signed checkpoint of the global log this often, when anything new was recorded (0: only when an export asks). */
  checkpointIntervalMs: number;
  /** Most events one checkpoint covers. */
  segmentMax: number;
  /** Most lines (events and withheld links) one evidence bundle carries. */
  exportMaxEvents: number;
  /** Audit-log entries (who looked, who was refused) older than this many days are removed, anchors left in their place (0: kept for ever; ADR 0079). */
  auditLogRetentionDays: number;
  /** How often the retention runs. */
  auditLogRetentionSweepMs: number;
  /** Credentials and TLS files for EventStoreDB and MongoDB (EVENTSTORE_*, MONGODB_*), as the services read them. */
  engines: Pick<EngineConnections, 'eventStore' | 'readModel'>;
}

const schema = z.object({
  PLEDGEBOOK_DATA_DIR: z.string().min(1).default('./data'),
  PLEDGEBOOK_GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PLEDGEBOOK_HOST: z.string().min(1).default('127.0.0.1'),
  PLEDGEBOOK_ADMIN_PASSWORD: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).default('pledgebook'),
  AUTH_AUDIENCE: z.string().min(1).default('pledgebook'),
  AUTH_JWKS_URL: z.url().optional(),
  ...AUTH_CLAIM_SETTINGS,
  ...AUTH_LIFETIME_SETTINGS,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(24 * 3600).default(900),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(30 * 24 * 3600).default(12 * 3600),
  CONSOLE_DIR: z.string().min(1).default(join(__dirname, '..', '..', 'console', 'dist')),
  GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(z.string().regex(/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/[0-9.]+)?)$/, 'IP addresses, CIDR ranges or loopback/linklocal/uniquelocal, comma-separated'))),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(256 * 1024),
  EVIDENCE_MAX_BYTES: EVIDENCE_SETTINGS.EVIDENCE_MAX_BYTES,
  PLEDGEBOOK_SERVICE_PORT_BASE: z.coerce.number().int().min(1).max(65530).default(3100),
  PLEDGE_SERVICE_URL: z.url().optional(),
  REVIEW_SERVICE_URL: z.url().optional(),
  APPRAISAL_SERVICE_URL: z.url().optional(),
  REWARD_SERVICE_URL: z.url().optional(),
  EVENTSTORE_URL: z.string().regex(/^(sqlite:|esdb|kurrentdb)/, 'must start with sqlite: or esdb://').optional(),
  READMODEL_URL: z.string().regex(/^(sqlite:|mongodb(\+srv)?:\/\/)/, 'must start with sqlite: or mongodb://').optional(),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  AUDIT_CHECKPOINT_SEGMENT_EVENTS: z.coerce.number().int().min(10).max(100_000).default(1000),
  AUDIT_EXPORT_MAX_EVENTS: z.coerce.number().int().min(100).max(5_000_000).default(200_000),
  AUDIT_LOG_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  AUDIT_LOG_RETENTION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(3600),
  ...ENGINE_SETTINGS,
  BUS_URL: z.string().regex(/^(sqlite:|kafka:\/\/)/, 'must start with sqlite: or kafka://').optional(),
  PLEDGEBOOK_PROCESS_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  PLEDGEBOOK_WORKER_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(15),
  SUBSCRIPTIONS_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(z.string().refine((entry) => AllowList.validEntry(entry), 'host names, *.domain wildcards, IP addresses or CIDR ranges, comma-separated'))),
  SUBSCRIPTIONS_REQUIRE_HTTPS: z.enum(['true', 'false']).optional(),
  SUBSCRIPTIONS_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  SUBSCRIPTIONS_RETRY_HORIZON_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(86_400),
  SUBSCRIPTIONS_CLOCK_RATE: z.coerce.number().min(1).max(100_000).default(1),
  REMINDERS_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://host:port or smtps://user:password@host:port').optional(),
  REMINDERS_MAIL_FROM: z.string().min(3).max(200).default('目标承诺 <no-reply@pledgebook.local>'),
  REMINDERS_TIME_ZONE: z.string().min(1).default('Asia/Shanghai').refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'an IANA time zone such as Asia/Shanghai'),
  REMINDERS_SCAN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  SUBSCRIPTIONS_SECRET_KEYS: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseSecretKeys(v) !== undefined, 'keyId:base64 of 32 bytes, comma-separated, distinct ids (the first seals new secrets)'),
})
  // The services refuse tokens that live longer than the maximum, so the gateway never issues one.
  .refine((e) => e.AUTH_JWKS_URL !== undefined || e.TOKEN_TTL_SECONDS <= e.AUTH_MAX_TOKEN_LIFETIME_SECONDS, {
    path: ['TOKEN_TTL_SECONDS'],
    message: 'must not exceed AUTH_MAX_TOKEN_LIFETIME_SECONDS (tokens that live longer are refused)',
  });

function auditSettings(e: z.infer<typeof schema>): AuditSettings {
  const eventStoreUrl = e.EVENTSTORE_URL ?? `sqlite:${join(e.PLEDGEBOOK_DATA_DIR, 'eventstore.db')}`;
  const readModelUrl = e.READMODEL_URL ?? `sqlite:${join(e.PLEDGEBOOK_DATA_DIR, 'audit-views.db')}`;
  // Kafka settings are checked against BUS_URL, which the subscriptions read (an embedded bus refuses them).
  const { eventStore, readModel } = engineConnections(e, { eventStore: eventStoreUrl, bus: e.BUS_URL ?? 'sqlite:', readModel: readModelUrl });
  return {
    eventStoreUrl,
    readModelUrl,
    checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000,
    segmentMax: e.AUDIT_CHECKPOINT_SEGMENT_EVENTS,
    exportMaxEvents: e.AUDIT_EXPORT_MAX_EVENTS,
    auditLogRetentionDays: e.AUDIT_LOG_RETENTION_DAYS,
    auditLogRetentionSweepMs: e.AUDIT_LOG_RETENTION_SWEEP_SECONDS * 1000,
    engines: { ...(eventStore ? { eventStore } : {}), ...(readModel ? { readModel } : {}) },
  };
}

/** The shared bus and event store, and a read model of the worker's own (embedded: `viewsFile` in the data directory). */
function workerStores(e: z.infer<typeof schema>, viewsFile: string): WorkerStores {
  const busUrl = e.BUS_URL ?? `sqlite:${join(e.PLEDGEBOOK_DATA_DIR, 'bus.db')}`;
  const eventStoreUrl = e.EVENTSTORE_URL ?? `sqlite:${join(e.PLEDGEBOOK_DATA_DIR, 'eventstore.db')}`;
  const readModelUrl = e.READMODEL_URL ?? `sqlite:${join(e.PLEDGEBOOK_DATA_DIR, viewsFile)}`;
  return {
    busUrl,
    eventStoreUrl,
    readModelUrl,
    engines: engineConnections(e, { eventStore: eventStoreUrl, bus: busUrl, readModel: readModelUrl }),
    processRole: e.PLEDGEBOOK_PROCESS_ROLE,
    workerLeaseTtlMs: e.PLEDGEBOOK_WORKER_LEASE_SECONDS * 1000,
  };
}

function subscriptionSettings(e: z.infer<typeof schema>): SubscriptionSettings {
  const stores = workerStores(e, 'gateway-views.db');
  return {
    ...stores,
    allowedHosts: e.SUBSCRIPTIONS_ALLOWED_HOSTS,
    requireHttps: e.SUBSCRIPTIONS_REQUIRE_HTTPS ? e.SUBSCRIPTIONS_REQUIRE_HTTPS === 'true' : stores.busUrl.startsWith('kafka://'),
    deliveryTimeoutMs: e.SUBSCRIPTIONS_DELIVERY_TIMEOUT_MS,
    retryHorizonMs: e.SUBSCRIPTIONS_RETRY_HORIZON_SECONDS * 1000,
    clockRate: e.SUBSCRIPTIONS_CLOCK_RATE,
    secretKeys: e.SUBSCRIPTIONS_SECRET_KEYS ? { keys: parseSecretKeys(e.SUBSCRIPTIONS_SECRET_KEYS)! } : { file: join(e.PLEDGEBOOK_DATA_DIR, 'subscription-secret-keys.json') },
  };
}

function reminderSettings(e: z.infer<typeof schema>): ReminderSettings {
  return {
    ...workerStores(e, 'reminders-views.db'),
    ...(e.REMINDERS_SMTP_URL ? { smtp: { url: e.REMINDERS_SMTP_URL, from: e.REMINDERS_MAIL_FROM } } : {}),
    timeZone: e.REMINDERS_TIME_ZONE,
    scanIntervalMs: e.REMINDERS_SCAN_SECONDS * 1000,
  };
}

/** The one place the gateway reads its environment; a bad value stops it, naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const e = parseEnvironment(schema, env);
  return {
    service: 'gateway',
    port: e.PLEDGEBOOK_GATEWAY_PORT,
    host: e.PLEDGEBOOK_HOST,
    dataDir: e.PLEDGEBOOK_DATA_DIR,
    ...(e.PLEDGEBOOK_ADMIN_PASSWORD ? { adminPassword: e.PLEDGEBOOK_ADMIN_PASSWORD } : {}),
    logLevel: e.LOG_LEVEL,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    consoleDir: e.CONSOLE_DIR,
    identity: e.AUTH_JWKS_URL ? 'oidc' : 'local',
    auth: {
      ...(e.AUTH_JWKS_URL ? { jwksUrl: e.AUTH_JWKS_URL } : { jwksFile: join(e.PLEDGEBOOK_DATA_DIR, 'jwks.json') }),
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      claims: claimMappingFrom(e),
      maxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    },
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    bodyLimit: e.BODY_LIMIT_BYTES,
    evidenceMaxBytes: e.EVIDENCE_MAX_BYTES,
    upstreamTimeoutMs: e.GATEWAY_UPSTREAM_TIMEOUT_MS,
    trustedProxies: e.TRUSTED_PROXIES,
    services: {
      'pledge-service': e.PLEDGE_SERVICE_URL ?? `http://127.0.0.1:${e.PLEDGEBOOK_SERVICE_PORT_BASE + 1}`,
      'review-service': e.REVIEW_SERVICE_URL ?? `http://127.0.0.1:${e.PLEDGEBOOK_SERVICE_PORT_BASE + 2}`,
      'appraisal-service': e.APPRAISAL_SERVICE_URL ?? `http://127.0.0.1:${e.PLEDGEBOOK_SERVICE_PORT_BASE + 3}`,
      'reward-service': e.REWARD_SERVICE_URL ?? `http://127.0.0.1:${e.PLEDGEBOOK_SERVICE_PORT_BASE + 4}`,
    },
    audit: auditSettings(e),
    subscriptions: subscriptionSettings(e),
    reminders: reminderSettings(e),
  };
}
