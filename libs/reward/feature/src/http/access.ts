import { metaFromPrincipal, requestCorrelationId, idempotencyKeyOf, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { EventMetadata } from '@pledgebook/event-store';
import type { Actor } from '@pledgebook/reward-domain';
import { ForbiddenException } from '@nestjs/common';

export const actorOf = (principal: Principal): Actor => ({ memberId: principal.subject, bureauId: principal.bureauId, roles: principal.roles });

/**
 * What a write appends with: the caller's metadata, and with an Idempotency-Key a seed for the
 * event ids, so a retried request appends nothing new (the generic handler sees its own events).
 */
export function writeContext(principal: Principal, request: AuthenticatedRequest, what: string): { metadata: EventMetadata; idempotencySeed?: string } {
  const key = idempotencyKeyOf(request);
  const { idempotencySeed, ...metadata } = metaFromPrincipal(principal, requestCorrelationId(request), key ? { idempotencySeed: `${what}|${principal.bureauId}|${principal.subject}|${key}` } : {});
  return { metadata, ...(idempotencySeed ? { idempotencySeed } : {}) };
}

/** A write stays in the caller's bureau: another bureau's record is refused (and audited). */
export function requireOwnBureau(principal: Principal, bureauId: string | undefined, what: string): void {
  if (bureauId !== undefined && bureauId !== principal.bureauId) throw new ForbiddenException(`${what}: outside your bureau`);
}
