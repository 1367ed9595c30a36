/** Roles of DESIGN.md §2 "Identity and access". */
export const ROLES = [
  'member',
  'group-leader',
  'branch-secretary',
  'appraisal-office',
  'leading-group',
  'auditor',
  'bureau-admin',
  'system-admin',
  'subscriber',
] as const;
export type Role = (typeof ROLES)[number];

/** Who issues a command: the authenticated subject, in the edge's words. */
export interface Actor {
  memberId: string;
  bureauId: string;
  roles: readonly Role[];
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
