import { hasAnyRole, requireBureau, requireRole, type Principal } from '@pledgebook/nest';
import type { Actor, PledgeState, Role } from '@pledgebook/pledge-domain';

/** Roles that see pledge books before they are published (they vet, appraise or audit them). */
export const OVERSEERS = ['group-leader', 'branch-secretary', 'appraisal-office', 'leading-group', 'bureau-admin', 'auditor', 'system-admin'];
export const DIRECTORY_ADMINS = ['bureau-admin', 'system-admin'];

export function actorOf(principal: Principal): Actor {
  return { memberId: principal.subject, bureauId: principal.bureauId, roles: principal.roles as Role[] };
}

/** Published books are on the board for the whole bureau; earlier states only for the pledger and overseers. */
export function canSeePledge(principal: Principal, state: Pick<PledgeState, 'status' | 'pledger'>): boolean {
  if (state.status === 'published' || state.status === 'closed') return true;
  return state.pledger.memberIds.includes(principal.subject) || hasAnyRole(principal, OVERSEERS) || state.pledger.type === 'collective';
}

export { requireBureau, requireRole };
