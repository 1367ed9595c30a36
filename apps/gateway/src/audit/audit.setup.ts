import type { DynamicModule } from '@nestjs/common';
import { AuditModule, ed25519Signer } from '@pledgebook/audit-feature';
import { loadOrCreateSigningKey, readJwks, type SigningKey } from '@pledgebook/gateway-keys';
import { chainedDenialSink, type AccessDenialSink } from '@pledgebook/nest';
import { openEventStore, openReadModelStore } from '@pledgebook/infrastructure';
import { join } from 'node:path';
import type { GatewayConfig } from '../config';

/**
 * The audit API at the gateway (DESIGN.md §2): it reads the store every service writes and keeps
 * its index in a read model of its own. Evidence and checkpoints are signed with the gateway's
 * token key, whose public half is /.well-known/jwks.json; with an external OIDC issuer the gateway
 * signs no tokens, so it keeps a key for evidence alone (`<data>/evidence-key`), published at
 * /api/v1/audit/keys like the other.
 */
export async function auditModule(config: GatewayConfig, tokenKey: SigningKey | undefined): Promise<{ module: DynamicModule; denialSink: AccessDenialSink }> {
  const keyDir = tokenKey ? config.dataDir : join(config.dataDir, 'evidence-key');
  const key = tokenKey ?? (await loadOrCreateSigningKey(keyDir));
  const events = await openEventStore(config.audit.eventStoreUrl, { ...(config.audit.engines.eventStore ? { esdb: config.audit.engines.eventStore } : {}) });
  const views = await openReadModelStore(config.audit.readModelUrl, { database: 'gateway_audit', ...(config.audit.engines.readModel ? { mongodb: config.audit.engines.readModel } : {}) });
  // The gateway's own 401/403 go to the bureaus' chained audit logs too (ADR 0080); a refusal by the
  // audit API itself is already there (AuditAccessRefused), written before its 403.
  const denialSink = chainedDenialSink(events, { skip: (d) => d.status === 403 && d.path.startsWith('/api/v1/audit/') });
  const module = AuditModule.forRoot({
    events,
    views,
    signer: ed25519Signer(key.key, key.kid, readJwks(keyDir)),
    checkpointIntervalMs: config.audit.checkpointIntervalMs,
    segmentMax: config.audit.segmentMax,
    exportMaxEvents: config.audit.exportMaxEvents,
    auditLogRetentionDays: config.audit.auditLogRetentionDays,
    auditLogRetentionSweepMs: config.audit.auditLogRetentionSweepMs,
    close: async () => {
      await views.close();
      await events.close();
    },
  });
  return { module, denialSink };
}
