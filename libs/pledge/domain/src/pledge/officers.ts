import { hasRole, type Actor } from '../actor';
import type { OrgUnitType } from '../directory/types';

/** Where the acting member sits in the party organisation, as the directory records them. */
export interface Placement {
  branchId?: string;
  groupId?: string;
}

/** A collective book's unit, as the directory records it. */
export interface CollectiveUnit {
  orgUnitId: string;
  type: OrgUnitType | string;
  parentId?: string;
}

/** The units that pledge as collectives, and who answers for each one's book (ADR 0035). */
export const COLLECTIVE_OFFICERS = {
  'leadership-team': 'the leading party group (leading-group)',
  'party-branch': 'the branch’s secretary',
  'party-group': 'the group’s leader',
  department: 'the bureau admin',
  'mass-organisation': 'the bureau admin',
} as const;

export const isPledgingUnitType = (type: string): type is keyof typeof COLLECTIVE_OFFICERS => Object.hasOwn(COLLECTIVE_OFFICERS, type);

/**
 * Whether the actor is one of the collective's responsible officers: roles from the token, place
 * from the directory (as the review service decides who leads a group or a branch).
 */
export function isCollectiveOfficer(actor: Actor, unit: CollectiveUnit | undefined, home: Placement | undefined): boolean {
  switch (unit?.type) {
    case 'leadership-team':
      return hasRole(actor, 'leading-group');
    case 'party-branch':
      return hasRole(actor, 'branch-secretary') && home?.branchId === unit.orgUnitId;
    case 'party-group':
      return hasRole(actor, 'group-leader') && home?.groupId === unit.orgUnitId;
    case 'department':
    case 'mass-organisation':
      return hasRole(actor, 'bureau-admin');
    default:
      return false;
  }
}
