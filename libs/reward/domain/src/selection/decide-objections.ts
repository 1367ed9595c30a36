import { conflict, forbidden, invalid, notFound, wrongState } from '@pledgebook/util';
import { requireLeadingGroup } from '../shared/actor';
import { localDate, requireText } from '../shared/values';
import type { SelectionCommand, SelectionEvent, SelectionState } from './types';

type Of<T extends SelectionCommand['type']> = Extract<SelectionCommand, { type: T }>;

const MAX_OBJECTION_LENGTH = 2000;
const MAX_REASON_LENGTH = 1000;

/**
 * Anyone in the bureau may object to a selected member while the selection's notice runs (its
 * first to its last day, China Standard Time), as the appraisal notice takes objections to results.
 * The same objection again (a retry) changes nothing.
 */
export function decideRaiseObjection(c: Of<'RaiseSelectionObjection'>, state: SelectionState): SelectionEvent[] {
  if (state.status !== 'on-notice') throw wrongState('the selection', state.status, ['on-notice']);
  if (c.actor.bureauId !== state.bureauId) throw forbidden('outside_bureau', 'objections come from the selection’s own bureau');
  const text = (c.text ?? '').trim();
  const existing = state.objections[c.objectionId];
  if (existing) {
    if (existing.memberId === c.memberId && existing.restricted.objectorId === c.actor.memberId && existing.restricted.text === text) return [];
    throw conflict('objection_exists', `objection ${c.objectionId} already exists`, { objectionId: c.objectionId });
  }
  if (!state.decision!.selected.includes(c.memberId)) throw invalid('not_selected', `${c.memberId} is not among those selected`, { field: 'memberId' });
  const today = localDate(c.at);
  const { startsOn, endsOn } = state.notice!;
  if (today < startsOn || today > endsOn) throw conflict('notice_not_running', `objections are taken from ${startsOn} until the end of ${endsOn}`, { notice: { startsOn, endsOn } });
  const checked = requireText(text, 'text', MAX_OBJECTION_LENGTH);
  return [{ type: 'SelectionObjectionRaised', data: { selectionId: state.selectionId, objectionId: c.objectionId, memberId: c.memberId, raisedAt: c.at, restricted: { objectorId: c.actor.memberId, text: checked } } }];
}

/**
 * The leading group dismisses an objection with a reason, or upholds it: the member leaves those
 * selected. Never by the member objected to, nor by the objector; each objection is decided once.
 * Until the announcement (which waits for every objection to be decided).
 */
export function decideObjection(c: Of<'DecideSelectionObjection'>, state: SelectionState): SelectionEvent[] {
  requireLeadingGroup(c.actor, 'decide an objection');
  if (state.status !== 'on-notice') throw wrongState('the selection', state.status, ['on-notice']);
  const objection = state.objections[c.objectionId];
  if (!objection) throw notFound('objection', c.objectionId);
  if (objection.status !== 'open') throw conflict('objection_decided', `objection ${c.objectionId} was already ${objection.status}`, { currentState: objection.status });
  if (objection.memberId === c.actor.memberId) throw forbidden('decides_own_selection', 'another member of the leading group decides an objection to your own selection');
  if (objection.restricted.objectorId === c.actor.memberId) throw forbidden('decides_own_objection', 'another member of the leading group decides an objection you raised');
  const reason = requireText(c.reason, 'reason', MAX_REASON_LENGTH);
  const data = { selectionId: state.selectionId, objectionId: c.objectionId, memberId: objection.memberId, reason, by: c.actor.memberId, at: c.at };
  if (c.outcome === 'dismissed') return [{ type: 'SelectionObjectionDismissed', data }];
  const selected = state.decision!.selected.filter((m) => m !== objection.memberId);
  return [{ type: 'SelectionObjectionUpheld', data: { ...data, bureauId: state.bureauId!, year: state.year!, selected } }];
}

/** Ids of the objections not decided yet. */
export const openObjections = (state: SelectionState): string[] =>
  Object.values(state.objections)
    .filter((o) => o.status === 'open')
    .map((o) => o.objectionId);
