import type { Principal } from '@pledgebook/nest';
import type { SelectionObjection } from '@pledgebook/reward-domain';

/**
 * A selection as a caller may see it: who objected and what they wrote are for the leading group
 * (as the appraisal office alone sees a result's objections); others see that an objection was
 * raised about whom, when, and how it was decided.
 */
export function selectionFor<S extends { objections?: Record<string, SelectionObjection> }>(selection: S, principal: Principal): S {
  if (principal.roles.includes('leading-group') || !selection.objections) return selection;
  const objections = Object.fromEntries(Object.entries(selection.objections).map(([id, { restricted: _r, ...shown }]) => [id, shown]));
  return { ...selection, objections } as S;
}
