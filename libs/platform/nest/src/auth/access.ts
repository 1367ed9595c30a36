import { ForbiddenException } from '@nestjs/common';
import type { Principal } from './principal';

/** A 403; the problem filter records it as an audit entry with the caller's identity. */
function deny(what: string, why: string): never {
  throw new ForbiddenException(`${what}: ${why}`);
}

export const hasAnyRole = (principal: Principal, roles: readonly string[]) => roles.some((r) => principal.roles.includes(r));

export function requireRole(principal: Principal, roles: readonly string[], what: string): void {
  if (!hasAnyRole(principal, roles)) deny(what, `needs one of the roles: ${roles.join(', ')}`);
}

/**
 * Bureau isolation: a request stays inside its bureau. A system admin may act anywhere; an
 * auditor of a parent authority may read (not write) its child bureaus.
 */
export function requireBureau(principal: Principal, bureauId: string, what: string, options: { write: boolean; ancestorsOf?: (id: string) => string[] }): void {
  if (principal.bureauId === bureauId || principal.roles.includes('system-admin')) return;
  if (!options.write && principal.roles.includes('auditor') && options.ancestorsOf?.(bureauId).includes(principal.bureauId)) return;
  deny(what, 'outside your bureau');
}
