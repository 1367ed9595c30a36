import { deciderSpec } from '@pledgebook/util/testing';
import type { Honour } from '../policy/types';
import type { Actor } from '../shared/actor';
import { decideSelection } from './decide';
import { evolveSelection, initialSelectionState } from './evolve';
import type { SelectionCommand, SelectionEvent } from './types';

const AT = '2027-01-12T02:00:00.000Z';
const zhou: Actor = { memberId: 'zhou', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const liu: Actor = { memberId: 'liu', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const li: Actor = { memberId: 'li', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const sun: Actor = { memberId: 'sun', bureauId: 'weihai', roles: ['member'] };
const stranger: Actor = { memberId: 'sun', bureauId: 'yantai', roles: ['member'] };
const honour: Honour = { honourId: 'outstanding-member', title: '優秀共產黨員', award: 'selection', eligibleGrades: ['excellent'], quota: 2, reward: { spiritual: ['honour-title'] } };
const named = { bureauId: 'weihai', year: 2026, honourId: 'outstanding-member', title: '優秀共產黨員', quota: 2 };
const history: SelectionEvent[] = [
  { type: 'SelectionOpened', data: { selectionId: 's1', bureauId: 'weihai', year: 2026, title: '優秀共產黨員', quota: 2, honour, policyVersion: 1, openedBy: 'zhou', openedAt: '2027-01-05T02:00:00.000Z' } },
  { type: 'NominationMade', data: { selectionId: 's1', memberId: 'li', by: 'zhou', byRole: 'leading-group', at: AT } },
  { type: 'NominationMade', data: { selectionId: 's1', memberId: 'wang', by: 'zhou', byRole: 'leading-group', at: AT } },
  { type: 'SelectionDecided', data: { selectionId: 's1', ...named, meeting: { date: '2027-01-10', attendees: ['zhou', 'liu'] }, selected: ['li', 'wang'], decidedBy: 'zhou', decidedAt: AT } },
];
const onNotice: SelectionEvent = { type: 'SelectionPutOnNotice', data: { selectionId: 's1', startsOn: '2027-01-11', endsOn: '2027-01-15', by: 'zhou', at: AT } };
const raise = (extra: Partial<Extract<SelectionCommand, { type: 'RaiseSelectionObjection' }>> = {}): SelectionCommand => ({ type: 'RaiseSelectionObjection', objectionId: 'o1', memberId: 'wang', text: '  該同志下半年兩次缺席組織生活 ', actor: sun, at: AT, ...extra });
const raised: SelectionEvent = { type: 'SelectionObjectionRaised', data: { selectionId: 's1', objectionId: 'o1', memberId: 'wang', raisedAt: AT, restricted: { objectorId: 'sun', text: '該同志下半年兩次缺席組織生活' } } };
const decide = (outcome: 'dismissed' | 'upheld', actor = liu, extra: Partial<Extract<SelectionCommand, { type: 'DecideSelectionObjection' }>> = {}): SelectionCommand => ({ type: 'DecideSelectionObjection', objectionId: 'o1', outcome, reason: '經核實屬實', actor, at: AT, ...extra });
const ruling = { selectionId: 's1', objectionId: 'o1', memberId: 'wang', reason: '經核實屬實', by: 'liu', at: AT };
const upheld: SelectionEvent = { type: 'SelectionObjectionUpheld', data: { ...ruling, bureauId: 'weihai', year: 2026, selected: ['li'] } };

const given = deciderSpec(decideSelection, evolveSelection, () => initialSelectionState('s1'));

describe('objections to a selection on notice', () => {
  describe('raising', () => {
    it('takes an objection to a selected member from anyone in the bureau while the notice runs', () => given([...history, onNotice]).when(raise()).then([raised]));
    it('takes the same objection again as a retry, and refuses another under its id', () => {
      given([...history, onNotice, raised]).when(raise()).then([]);
      given([...history, onNotice, raised]).when(raise({ text: '另一件事' })).thenFails('objection_exists', 'conflict');
    });
    it('only on notice, on its days', () => {
      given(history).when(raise()).thenFails('wrong_state', 'conflict');
      given([...history, onNotice]).when(raise({ at: '2027-01-10T15:59:00.000Z' })).thenFails('notice_not_running', 'conflict');
      given([...history, onNotice]).when(raise({ at: '2027-01-15T15:59:00.000Z' })).then([{ ...raised, data: { ...raised.data, raisedAt: '2027-01-15T15:59:00.000Z' } } as SelectionEvent]);
      given([...history, onNotice]).when(raise({ at: '2027-01-15T16:00:00.000Z' })).thenFails('notice_not_running', 'conflict');
    });
    it('about a selected member, with text, from the selection’s bureau', () => {
      given([...history, onNotice]).when(raise({ memberId: 'zhao' })).thenFails('not_selected', 'invalid', 'memberId');
      given([...history, onNotice]).when(raise({ text: '   ' })).thenFails('invalid_text', 'invalid', 'text');
      given([...history, onNotice]).when(raise({ text: '字'.repeat(2001) })).thenFails('invalid_text', 'invalid', 'text');
      given([...history, onNotice]).when(raise({ actor: stranger })).thenFails('outside_bureau', 'forbidden');
    });
  });

  describe('deciding', () => {
    it('dismisses with a reason: the member stays selected', () => {
      given([...history, onNotice, raised]).when(decide('dismissed')).then([{ type: 'SelectionObjectionDismissed', data: ruling }]);
      const state = [...history, onNotice, raised, { type: 'SelectionObjectionDismissed', data: ruling } as SelectionEvent].reduce(evolveSelection, initialSelectionState('s1'));
      expect(state.decision?.selected).toEqual(['li', 'wang']);
      expect(state.objections['o1']).toMatchObject({ status: 'dismissed', decision: { reason: '經核實屬實', by: 'liu' } });
    });
    it('upholds with a reason: the member leaves those selected', () => {
      given([...history, onNotice, raised]).when(decide('upheld')).then([upheld]);
      const state = [...history, onNotice, raised, upheld].reduce(evolveSelection, initialSelectionState('s1'));
      expect(state.decision?.selected).toEqual(['li']);
      expect(state.objections['o1']?.status).toBe('upheld');
    });
    it('by the leading group, not by the member objected to nor the objector, once, with a reason', () => {
      given([...history, onNotice, raised]).when(decide('dismissed', sun)).thenFails('not_leading_group', 'forbidden');
      given([...history, onNotice, raised]).when(decide('dismissed', { ...zhou, memberId: 'wang' })).thenFails('decides_own_selection', 'forbidden');
      given([...history, onNotice, { ...raised, data: { ...raised.data, restricted: { objectorId: 'liu', text: 'x' } } } as SelectionEvent]).when(decide('dismissed')).thenFails('decides_own_objection', 'forbidden');
      given([...history, onNotice, raised, upheld]).when(decide('dismissed')).thenFails('objection_decided', 'conflict');
      given([...history, onNotice, raised]).when(decide('upheld', liu, { reason: ' ' })).thenFails('invalid_text', 'invalid', 'reason');
      given([...history, onNotice, raised]).when(decide('upheld', liu, { objectionId: 'o9' })).thenFails('objection_not_found', 'not_found');
    });
  });

  describe('the announcement', () => {
    const after = '2027-01-16T01:00:00.000Z';
    it('waits for every objection to be decided', () => {
      given([...history, onNotice, raised]).when({ type: 'AnnounceSelection', actor: li, at: after }).thenFails('objections_open', 'conflict');
      given([...history, onNotice, raised, upheld]).when({ type: 'AnnounceSelection', actor: li, at: after }).then([{ type: 'SelectionAnnounced', data: { selectionId: 's1', announcedBy: 'li', announcedAt: after } }]);
    });
  });
});
