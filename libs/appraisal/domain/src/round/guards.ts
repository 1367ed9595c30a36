import { requireBureau, requireOfficeStaff, type Actor, type OfficeContext } from '../shared/actor';
import { conflict, forbidden, invalid, notFound, wrongState } from '../shared/errors';
import { hasAtMostTwoDecimals } from '../shared/points';
import type { RoundState, RoundStatus } from './state';

/** The round exists, is not final (final results never change) and is in one of the wanted states. */
export function requireRound(state: RoundState, wanted: readonly RoundStatus[]): void {
  if (state.status === 'none') throw notFound('appraisal_round', '(this bureau, year and half)');
  if (state.status === 'final') throw conflict('round_final', `the ${state.year} ${state.half} results are final and never change`, { currentState: 'final' });
  if (!wanted.includes(state.status)) throw wrongState('the round', state.status, wanted);
}

export function requireOffice(actor: Actor, context: OfficeContext, state: RoundState): void {
  requireBureau(actor, state.bureauId);
  requireOfficeStaff(actor, context, state.year);
}

export function requireSubject(state: RoundState, memberId: string, field = 'memberId'): void {
  if (!state.subjects[memberId]) throw invalid('not_a_subject', `${memberId} is not appraised in this round`, { field, memberId });
}

/** Nobody scores themselves, nor decides on their own result. */
export function requireNotSelf(actor: Actor, memberId: string): void {
  if (actor.memberId === memberId) throw forbidden('scores_self', 'nobody scores themselves or decides on their own result; another member of the office does', { memberId });
}

/** While scoring, anyone may be scored; on notice, only a member whose objection was upheld. */
export function requireScorable(state: RoundState, memberId: string): void {
  requireRound(state, ['scoring', 'on-notice']);
  requireSubject(state, memberId);
  if (state.status === 'on-notice' && state.results[memberId]?.status !== 'rescoring') {
    throw conflict('not_rescoring', `${memberId}'s result is on notice; it is rescored only after an objection is upheld`, { memberId });
  }
}

export function requirePoints(points: number, max: number, field: string): void {
  if (typeof points !== 'number' || !(points >= 0) || points > max || !hasAtMostTwoDecimals(points)) {
    throw invalid('bad_points', `${field} is from 0 to ${max}, to two decimals`, { field, max });
  }
}
