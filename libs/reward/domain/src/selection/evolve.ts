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
  }
}

export const initialSelectionState = (selectionId = ''): SelectionState => ({ selectionId, status: 'none', proposed: [], nominations: [] });

export const selectionDecider = {
  decide: decideSelection,
  evolve: evolveSelection,
  initialState: initialSelectionState,
};
