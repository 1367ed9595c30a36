import { hasAnyRole, requireBureau, requireRole, type Principal } from '@pledgebook/nest';
import type { Actor, PledgeState, Role } from '@pledgebook/pledge-domain';

/** Roles that see pledge books before they are published (they vet, appraise or audit them). */
export const OVERSEERS = ['group-leader', 'branch-secretary', 'appraisal-office', 'leading-group', 'bureau-admin', 'auditor', 'system-admin'];
export const DIRECTORY_ADMINS = ['bureau-admin', 'system-admin'];

export function actorOf(principal: Principal): Actor {
  return { memberId: principal.subject, bureauId: principal.bureauId, roles: principal.roles as Role[] };
}

/** Where the caller sits in the directory: the units whose collective drafts they may see. */
export interface Placement {
  groupId?: string;
  branchId?: string;
  departmentId?: string;
}

/**
 * Published books are on the board for the whole bureau; earlier states only for the pledgers and
 * those who oversee the programme — for a collective book, the members of its unit.
 */
export function canSeePledge(principal: Principal, state: Pick<PledgeState, 'status' | 'pledger'>, placement?: Placement): boolean {
  if (state.status === 'published' || state.status === 'closed') return true;
  if (state.pledger.memberIds.includes(principal.subject) || hasAnyRole(principal, OVERSEERS)) return true;
  const unit = state.pledger.type === 'collective' ? state.pledger.orgUnitId : undefined;
  return unit !== undefined && placement !== undefined && [placement.groupId, placement.branchId, placement.departmentId].includes(unit);
}

export { requireBureau, requireRole };
