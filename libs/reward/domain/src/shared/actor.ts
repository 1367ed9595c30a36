import { forbidden } from '@pledgebook/util';

/** Who gives a command: the member, their bureau and roles (from the token). */
export interface Actor {
  memberId: string;
  bureauId: string;
  roles: readonly string[];
}

/** The service itself, when a policy acts on a decision already taken (an announced selection, a rated work). */
export const SYSTEM_ROLE = 'system';

export const hasRole = (actor: Actor, ...roles: string[]) => roles.some((r) => actor.roles.includes(r));

/** The leading group (領導小組) decides rewards; the service acts for it on decisions already recorded. */
export function requireLeadingGroup(actor: Actor, what: string, options: { orSystem?: boolean } = {}): void {
  if (hasRole(actor, 'leading-group') || (options.orSystem && hasRole(actor, SYSTEM_ROLE))) return;
  throw forbidden('not_leading_group', `only the leading group may ${what}`);
}
