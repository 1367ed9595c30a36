import type { Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import { deny, isOverseer } from '../http/access';
import type { OrgUnitView } from '../projections/facts.views';
import type { Directory } from './directory';

/** A party group of the bureau with its branch (404 when the directory has no such group). */
export async function partyGroup(directory: Directory, bureauId: string, groupId: string): Promise<OrgUnitView & { branchId: string }> {
  const unit = await directory.orgUnit(bureauId, groupId);
  if (!unit || unit.type !== 'party-group') throw notFound('party_group', groupId);
  return { ...unit, branchId: unit.parentId ?? '' };
}

/** A party branch of the bureau (404 when the directory has no such branch). */
export async function partyBranch(directory: Directory, bureauId: string, branchId: string): Promise<OrgUnitView> {
  const unit = await directory.orgUnit(bureauId, branchId);
  if (!unit || unit.type !== 'party-branch') throw notFound('party_branch', branchId);
  return unit;
}

/** Whether the caller reads a group's checks: its leader, its branch's secretary, and those who oversee the programme. */
export async function mayReadGroup(directory: Directory, principal: Principal, groupId: string, branchId: string): Promise<boolean> {
  if (isOverseer(principal)) return true;
  const actor = await directory.actorOf(principal);
  if (groupId && principal.roles.includes('group-leader') && actor.groupId === groupId) return true;
  return principal.roles.includes('branch-secretary') && !!branchId && actor.branchId === branchId;
}

export async function requireGroupReader(directory: Directory, principal: Principal, groupId: string, branchId: string, what: string): Promise<void> {
  if (!(await mayReadGroup(directory, principal, groupId, branchId))) deny(what, `for the party group's leader, the branch secretary and those who oversee the programme`);
}

/** Who reads a branch's grid, dispatches and talks: its secretary and those who oversee the programme. */
export async function requireBranchReader(directory: Directory, principal: Principal, branchId: string, what: string): Promise<void> {
  if (isOverseer(principal)) return;
  const actor = await directory.actorOf(principal);
  if (principal.roles.includes('branch-secretary') && actor.branchId === branchId) return;
  deny(what, `for the secretary of ${branchId} and those who oversee the programme`);
}
