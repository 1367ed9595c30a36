import { isNoticeRunning } from '../calendar/working-days';
import { requireBureau } from '../shared/actor';
import { localDate } from '../shared/dates';
import { conflict, forbidden, invalid, notFound } from '../shared/errors';
import { isBlank } from '../shared/text';
import type { RoundCommand } from './commands';
import type { RoundEvent } from './events';
import { requireNotSelf, requireOffice, requireRound, requireSubject } from './guards';
import type { RoundState } from './state';

type Cmd<T extends RoundCommand['type']> = Extract<RoundCommand, { type: T }>;

const MAX_OBJECTION_LENGTH = 2000;

/** Anyone in the bureau may object to a result while its notice runs; who objected is for the office only. */
export function decideRaiseObjection(command: Cmd<'RaiseObjection'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['on-notice']);
  requireBureau(command.actor, state.bureauId);
  requireSubject(state, command.memberId);
  const text = command.text?.trim() ?? '';
  const existing = state.objections[command.objectionId];
  if (existing) {
    if (existing.memberId === command.memberId && existing.objectorId === command.actor.memberId && existing.text === text) return [];
    throw conflict('objection_exists', `objection ${command.objectionId} already exists`, { objectionId: command.objectionId });
  }
  const result = state.results[command.memberId]!;
  if (result.status !== 'on-notice') throw conflict('not_on_notice', `${command.memberId}'s result is being rescored; object to it when it is on notice again`, { memberId: command.memberId });
  if (!isNoticeRunning(result.notice, localDate(command.at))) {
    throw conflict('notice_not_running', `objections are taken from ${result.notice.postedOn} until the end of ${result.notice.endsOn}`, { notice: result.notice });
  }
  if (!text) throw invalid('text_required', 'say what is objected to', { field: 'text' });
  if (text.length > MAX_OBJECTION_LENGTH) throw invalid('text_too_long', `at most ${MAX_OBJECTION_LENGTH} characters`, { field: 'text' });
  return [{ type: 'ObjectionRaised', data: { objectionId: command.objectionId, memberId: command.memberId, raisedAt: command.at, restricted: { objectorId: command.actor.memberId, text } } }];
}

/** The office dismisses with a reason, or upholds and rescores; never on its own result or its own objection. */
export function decideObjection(command: Cmd<'DismissObjection'> | Cmd<'UpholdObjection'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['on-notice']);
  requireOffice(command.actor, command.context, state);
  const objection = state.objections[command.objectionId];
  if (!objection) throw notFound('objection', command.objectionId);
  if (objection.status !== 'open') throw conflict('objection_decided', `objection ${command.objectionId} was already ${objection.status}`, { currentState: objection.status });
  requireNotSelf(command.actor, objection.memberId);
  if (objection.objectorId === command.actor.memberId) throw forbidden('decides_own_objection', 'another member of the office decides an objection you raised');
  if (isBlank(command.reason)) throw invalid('reason_required', 'a decision on an objection gives its reason', { field: 'reason' });
  const data = { objectionId: objection.objectionId, memberId: objection.memberId, reason: command.reason.trim(), by: command.actor.memberId, at: command.at };
  return [command.type === 'UpholdObjection' ? { type: 'ObjectionUpheld', data } : { type: 'ObjectionDismissed', data }];
}
