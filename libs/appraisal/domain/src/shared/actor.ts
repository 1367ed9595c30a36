import { forbidden } from './errors';

/** Who issues a command, with their place in the party organisation (looked up by the handler). */
export interface Actor {
  memberId: string;
  bureauId: string;
  roles: readonly string[];
  /** The actor's party group and branch today (from the directory). */
  groupId?: string;
  branchId?: string;
}

/** The appraisal office's staff for the year in question (the directory's assignment, DESIGN.md §1: 考核办). */
export interface OfficeContext {
  officeStaff: readonly string[];
}

export const hasRole = (actor: Actor, role: string) => actor.roles.includes(role);

export function requireBureau(actor: Actor, bureauId: string): void {
  if (actor.bureauId !== bureauId) throw forbidden('other_bureau', `this belongs to bureau ${bureauId}`, { bureauId });
}

/** Only the year's appraisal office staff act on schemes and rounds. */
export function requireOfficeStaff(actor: Actor, context: OfficeContext, year: number): void {
  if (!context.officeStaff.includes(actor.memberId)) {
    throw forbidden('not_office_staff', `only the appraisal office staff of ${year} (考核办) may do this`, { year });
  }
}
