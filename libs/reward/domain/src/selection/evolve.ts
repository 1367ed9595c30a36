import { decideSelection } from './decide';
import type { SelectionEvent, SelectionState } from './types';

export function evolveSelection(state: SelectionState, event: SelectionEvent): SelectionState {
  switch (event.type) {
    case 'SelectionOpened': {
      const { selectionId, bureauId, year, title, quota, honour, policyVersion, openedBy, openedAt } = event.data;
      return { ...state, selectionId, status: 'open', bureauId, year, title, quota, honour, policyVersion, openedBy, openedAt };
    }
    case 'NomineesProposed':
      return { ...state, proposed: event.data.nominees };
    case 'NominationMade': {
      const { selectionId: _s, ...nomination } = event.data;
      return { ...state, nominations: [...state.nominations, nomination] };
    }
    case 'SelectionDecided': {
      const { meeting, selected, decidedBy, decidedAt } = event.data;
      return { ...state, status: 'decided', decision: { meeting, selected, decidedBy, decidedAt } };
    }
    case 'SelectionPutOnNotice': {
      const { selectionId: _s, ...notice } = event.data;
      return { ...state, status: 'on-notice', notice };
    }
    case 'SelectionAnnounced':
      return { ...state, status: 'announced', announcedBy: event.data.announcedBy, announcedAt: event.data.announcedAt };
    case 'SelectionObjectionRaised': {
      const { objectionId, memberId, raisedAt, restricted } = event.data;
      return { ...state, objections: { ...state.objections, [objectionId]: { objectionId, memberId, raisedAt, status: 'open', restricted } } };
    }
    case 'SelectionObjectionDismissed':
    case 'SelectionObjectionUpheld': {
      const { objectionId, reason, by, at } = event.data;
      const objection = { ...state.objections[objectionId]!, status: event.type === 'SelectionObjectionUpheld' ? ('upheld' as const) : ('dismissed' as const), decision: { reason, by, at } };
      const decision = event.type === 'SelectionObjectionUpheld' && state.decision ? { ...state.decision, selected: event.data.selected } : state.decision;
      return { ...state, objections: { ...state.objections, [objectionId]: objection }, ...(decision ? { decision } : {}) };
    }
  }
}

export const initialSelectionState = (selectionId = ''): SelectionState => ({ selectionId, status: 'none', proposed: [], nominations: [], objections: {} });

export const selectionDecider = {
  decide: decideSelection,
  evolve: evolveSelection,
  initialState: initialSelectionState,
};
