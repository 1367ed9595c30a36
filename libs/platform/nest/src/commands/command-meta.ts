import type { EventMetadata, NewEvent } from '@pledgebook/event-store';
import type { Principal } from '../auth/principal';
import { currentCorrelationId, deterministicId, newId } from '@pledgebook/util';

/** Who acts and in what chain of causes: carried onto every event a command appends. */
export interface CommandMeta extends Pick<EventMetadata, 'bureauId' | 'actorId' | 'actorRole' | 'correlationId' | 'causationId' | 'reason'> {
  /** Seed for deterministic event ids, so a retried request re-appends the same ids (no-op). */
  idempotencySeed?: string;
}

/**
 * The correlation id of the request being handled: the one the edge middleware took from
 * X-Correlation-Id (or made) and echoed, so events, logs and the answer all carry the same id.
 */
export function requestCorrelationId(request?: object): string {
  return currentCorrelationId() ?? (request as { correlationId?: string } | undefined)?.correlationId ?? newId();
}

const ROLE_ORDER = ['system-admin', 'bureau-admin', 'leading-group', 'appraisal-office', 'branch-secretary', 'group-leader', 'auditor', 'member', 'subscriber'];

export function metaFromPrincipal(principal: Principal, correlationId: string, extra: Partial<CommandMeta> = {}): CommandMeta {
  const actorRole = ROLE_ORDER.find((r) => principal.roles.includes(r)) ?? principal.roles[0] ?? 'member';
  return { bureauId: principal.bureauId, actorId: principal.subject, actorRole, correlationId, causationId: correlationId, ...extra };
}

/** The metadata every event of a command carries (bureau, actor, role, correlation, causation, reason). */
export function eventMetadataOf(meta: CommandMeta, bureauId = meta.bureauId): EventMetadata {
  return {
    bureauId,
    actorId: meta.actorId,
    actorRole: meta.actorRole,
    correlationId: meta.correlationId,
    causationId: meta.causationId,
    ...(meta.reason ? { reason: meta.reason } : {}),
  };
}

export function toNewEvents(events: readonly { type: string; data: unknown }[], meta: CommandMeta, bureauId = meta.bureauId): NewEvent[] {
  const metadata: EventMetadata = {
    bureauId,
    actorId: meta.actorId,
    actorRole: meta.actorRole,
    correlationId: meta.correlationId,
    causationId: meta.causationId,
    ...(meta.reason ? { reason: meta.reason } : {}),
  };
  return events.map((event, i) => ({
    id: meta.idempotencySeed ? deterministicId(`${meta.idempotencySeed}#${i}`) : newId(),
    type: event.type,
    data: event.data,
    metadata,
  }));
}

export { deterministicId };

/** Whether a request with this idempotency seed already appended its events (a retry after a crash). */
export function alreadyApplied(events: readonly { id: string }[], meta: CommandMeta): boolean {
  if (!meta.idempotencySeed) return false;
  const first = deterministicId(`${meta.idempotencySeed}#0`);
  return events.some((e) => e.id === first);
}
