import { deciderSpec } from '@pledgebook/util/testing';
import type { Honour, RewardPolicyVersion } from '../policy/types';
import type { Actor } from '../shared/actor';
import type { FinalResult } from '../shared/grades';
import { decideSelection } from './decide';
import { evolveSelection, initialSelectionState } from './evolve';
import type { SelectionCommand, SelectionEvent } from './types';

const AT = '2027-01-10T02:00:00.000Z';
const leading: Actor = { memberId: 'zhou', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const secretary: Actor = { memberId: 'wang', bureauId: 'weihai', roles: ['member', 'branch-secretary'] };
const member: Actor = { memberId: 'sun', bureauId: 'weihai', roles: ['member'] };
const honour: Honour = { honourId: 'outstanding-member', title: '優秀共產黨員', award: 'selection', eligibleGrades: ['excellent'], quota: 2, reward: { spiritual: ['honour-title'], material: { kind: 'money', amountFen: 50_000 } } };
const policy: RewardPolicyVersion = { version: 3, honours: [honour, { ...honour, honourId: 'praise', award: 'automatic', quota: undefined }], setBy: 'zhou', setAt: AT };
const r = (memberId: string, grade: FinalResult['grade'], half: 'H1' | 'H2' = 'H2'): FinalResult => ({ memberId, roundId: `2026-${half}`, year: 2026, half, grade });
const results = [r('li', 'excellent'), r('zhao', 'qualified'), r('sun', 'excellent')];

const open = (extra: Partial<Extract<SelectionCommand, { type: 'OpenSelection' }>> = {}): SelectionCommand => ({
  type: 'OpenSelection',
  selectionId: 's1',
  bureauId: 'weihai',
  year: 2026,
  honourId: 'outstanding-member',
  quota: 2,
  actor: leading,
  at: AT,
  policy,
  results,
  ...extra,
});
const opened: SelectionEvent = {
  type: 'SelectionOpened',
  data: { selectionId: 's1', bureauId: 'weihai', year: 2026, title: '優秀共產黨員', quota: 2, honour, policyVersion: 3, openedBy: 'zhou', openedAt: AT },
};
const proposed: SelectionEvent = {
  type: 'NomineesProposed',
  data: { selectionId: 's1', nominees: [{ memberId: 'li', grade: 'excellent', basis: ['2026-H2/li'] }, { memberId: 'sun', grade: 'excellent', basis: ['2026-H2/sun'] }], at: AT },
};
const nominate = (memberId: string, actor: Actor, extra: Partial<Extract<SelectionCommand, { type: 'Nominate' }>> = {}): SelectionCommand => ({
  type: 'Nominate',
  memberId,
  actor,
  at: AT,
  nominee: { memberId, branchId: memberId === 'feng' ? 'branch-2' : 'branch-1' },
  actorBranchId: 'branch-1',
  results,
  ...extra,
});
const nominated = (memberId: string, by = 'wang', extra: Record<string, unknown> = {}): SelectionEvent => ({
  type: 'NominationMade',
  data: { selectionId: 's1', memberId, by, byRole: by === 'zhou' ? 'leading-group' : 'branch-secretary', branchId: 'branch-1', at: AT, ...extra },
});
const meeting = { date: '2027-01-10', attendees: ['zhou', 'liu', 'chen'] };
const named = { bureauId: 'weihai', year: 2026, honourId: 'outstanding-member', title: '優秀共產黨員', quota: 2 };
const decided: SelectionEvent = { type: 'SelectionDecided', data: { selectionId: 's1', ...named, meeting: { date: '2027-01-10', attendees: ['zhou', 'liu', 'chen'] }, selected: ['li'], decidedBy: 'zhou', decidedAt: AT } };

const given = deciderSpec(decideSelection, evolveSelection, () => initialSelectionState('s1'));

describe('selection (評先選優) decider', () => {
  describe('opening', () => {
    it('opens a selection for a policy honour with a quota and proposes nominees from final results', () => given([]).when(open()).then([opened, proposed]));
    it('is opened by the leading group', () => void given([]).when(open({ actor: secretary })).thenFails('not_leading_group', 'forbidden'));
    it('needs the year’s reward policy', () => void given([]).when(open({ policy: undefined })).thenFails('no_reward_policy', 'invalid', 'year'));
    it('names an honour of the policy', () => void given([]).when(open({ honourId: 'nobody' })).thenFails('unknown_honour', 'invalid', 'honourId'));
    it('opens only honours awarded by selection', () => void given([]).when(open({ honourId: 'praise' })).thenFails('honour_not_by_selection', 'invalid', 'honourId'));
    it('keeps the quota within the policy’s', () => void given([]).when(open({ quota: 3 })).thenFails('quota_over_policy', 'invalid', 'quota'));
    it('treats the same opening again as done, and another with the same id as a clash', () => {
      given([opened, proposed]).when(open()).then([]);
      given([opened, proposed]).when(open({ quota: 1 })).thenFails('selection_exists', 'conflict');
    });
    it('proposes the list again when results changed, and not when they did not', () => {
      given([opened, proposed]).when({ type: 'ProposeNominees', actor: leading, at: AT, results }).then([]);
      given([opened, proposed])
        .when({ type: 'ProposeNominees', actor: leading, at: AT, results: [...results, r('zhao', 'excellent', 'H2')].filter((x) => !(x.memberId === 'zhao' && x.grade === 'qualified')) })
        .then([{ type: 'NomineesProposed', data: { selectionId: 's1', nominees: [...(proposed.data as { nominees: unknown[] }).nominees, { memberId: 'zhao', grade: 'excellent', basis: ['2026-H2/zhao'] }], at: AT } } as SelectionEvent]);
    });
  });

  describe('nominating', () => {
    it('lets a branch secretary nominate a top-grade member of the branch', () => given([opened, proposed]).when(nominate('li', secretary)).then([nominated('li', 'wang', { grade: 'excellent', basis: ['2026-H2/li'] })]));
    it('needs a reason for a nominee below the top grade', () => {
      given([opened, proposed]).when(nominate('zhao', secretary)).thenFails('reason_required', 'invalid', 'reason');
      given([opened, proposed])
        .when(nominate('zhao', secretary, { reason: '全年資助兩名學生，群眾評價高' }))
        .then([nominated('zhao', 'wang', { grade: 'qualified', basis: ['2026-H2/zhao'], reason: '全年資助兩名學生，群眾評價高' })]);
    });
    it('needs a reason for a nominee without a final result', () => void given([opened, proposed]).when(nominate('he', secretary)).thenFails('reason_required', 'invalid', 'reason'));
    it('keeps a branch secretary to their own branch; the leading group nominates anyone', () => {
      given([opened, proposed]).when(nominate('feng', secretary, { reason: '表現突出' })).thenFails('not_your_branch', 'forbidden');
      given([opened, proposed])
        .when(nominate('feng', leading, { reason: '表現突出' }))
        .then([{ type: 'NominationMade', data: { selectionId: 's1', memberId: 'feng', by: 'zhou', byRole: 'leading-group', reason: '表現突出', branchId: 'branch-2', at: AT } }]);
    });
    it('is for secretaries and the leading group only', () => void given([opened, proposed]).when(nominate('li', member)).thenFails('not_a_nominator', 'forbidden'));
    it('nominates members of the bureau’s directory', () => void given([opened, proposed]).when(nominate('li', secretary, { nominee: undefined })).thenFails('unknown_member', 'invalid', 'memberId'));
    it('nominates a member once', () => void given([opened, proposed, nominated('li')]).when(nominate('li', leading)).thenFails('already_nominated', 'conflict'));
    it('takes no nomination once decided', () => void given([opened, proposed, nominated('li'), decided]).when(nominate('sun', secretary)).thenFails('wrong_state', 'conflict'));
    it('needs an open selection', () => void given([]).when(nominate('li', secretary)).thenFails('wrong_state', 'conflict'));
  });

  describe('deciding at a recorded meeting', () => {
    const decide = (selected: string[], extra: Partial<Extract<SelectionCommand, { type: 'DecideSelection' }>> = {}): SelectionCommand => ({ type: 'DecideSelection', meeting, selected, actor: leading, at: AT, ...extra });
    const before = [opened, proposed, nominated('li'), nominated('sun')];
    it('chooses nominees within the quota', () =>
      given([...before, nominated('zhao', 'wang', { reason: 'x' })])
        .when(decide(['li', 'sun']))
        .then([{ type: 'SelectionDecided', data: { selectionId: 's1', ...named, meeting: { ...meeting }, selected: ['li', 'sun'], decidedBy: 'zhou', decidedAt: AT } }]));
    it('chooses only nominees', () => void given(before).when(decide(['li', 'zhao'])).thenFails('not_nominated', 'invalid', 'selected/1'));
    it('keeps within the quota', () => void given([...before, nominated('zhao', 'wang', { reason: 'x' })]).when(decide(['li', 'sun', 'zhao'])).thenFails('over_quota', 'invalid', 'selected'));
    it('chooses a member once', () => void given(before).when(decide(['li', 'li'])).thenFails('duplicate_selected', 'invalid', 'selected/1'));
    it('is decided by the leading group', () => void given(before).when(decide(['li'], { actor: secretary })).thenFails('not_leading_group', 'forbidden'));
    it('is decided at a meeting that has taken place', () => void given(before).when(decide(['li'], { meeting: { ...meeting, date: '2027-02-01' } })).thenFails('meeting_in_future', 'invalid', 'meeting/date'));
    it('is decided after it opened', () => void given(before).when(decide(['li'], { meeting: { ...meeting, date: '2026-12-01' } })).thenFails('meeting_before_opening', 'invalid', 'meeting/date'));
    it('lists each attendee once', () => void given(before).when(decide(['li'], { meeting: { ...meeting, attendees: ['zhou', 'zhou'] } })).thenFails('duplicate_attendee', 'invalid', 'meeting/attendees/1'));
    it('is decided once', () => void given([...before, decided]).when(decide(['sun'])).thenFails('wrong_state', 'conflict'));
  });

  describe('notice and announcement', () => {
    const before = [opened, proposed, nominated('li'), decided];
    const onNotice: SelectionEvent = { type: 'SelectionPutOnNotice', data: { selectionId: 's1', startsOn: '2027-01-11', endsOn: '2027-01-15', by: 'zhou', at: AT } };
    it('may go on notice after the decision', () => given(before).when({ type: 'PutSelectionOnNotice', startsOn: '2027-01-11', endsOn: '2027-01-15', actor: leading, at: AT }).then([onNotice]));
    it('keeps the notice after the meeting and in order', () => {
      given(before).when({ type: 'PutSelectionOnNotice', startsOn: '2027-01-01', endsOn: '2027-01-15', actor: leading, at: AT }).thenFails('notice_before_decision', 'invalid', 'startsOn');
      given(before).when({ type: 'PutSelectionOnNotice', startsOn: '2027-01-12', endsOn: '2027-01-11', actor: leading, at: AT }).thenFails('notice_ends_before_start', 'invalid', 'endsOn');
    });
    it('is announced once decided', () => given(before).when({ type: 'AnnounceSelection', actor: leading, at: AT }).then([{ type: 'SelectionAnnounced', data: { selectionId: 's1', announcedBy: 'zhou', announcedAt: AT } }]));
    it('on notice, is announced only after the notice ends', () => {
      given([...before, onNotice]).when({ type: 'AnnounceSelection', actor: leading, at: '2027-01-15T08:00:00.000Z' }).thenFails('notice_not_over', 'conflict');
      given([...before, onNotice])
        .when({ type: 'AnnounceSelection', actor: leading, at: '2027-01-16T01:00:00.000Z' })
        .then([{ type: 'SelectionAnnounced', data: { selectionId: 's1', announcedBy: 'zhou', announcedAt: '2027-01-16T01:00:00.000Z' } }]);
    });
    it('is not announced before the decision, nor twice', () => {
      given([opened, proposed]).when({ type: 'AnnounceSelection', actor: leading, at: AT }).thenFails('wrong_state', 'conflict');
      given([...before, { type: 'SelectionAnnounced', data: { selectionId: 's1', announcedBy: 'zhou', announcedAt: AT } }]).when({ type: 'AnnounceSelection', actor: leading, at: AT }).thenFails('wrong_state', 'conflict');
    });
    it('folds into the state the announcement prints', () => {
      const state = [...before, onNotice].reduce(evolveSelection, initialSelectionState('s1'));
      expect(state).toMatchObject({ status: 'on-notice', quota: 2, decision: { selected: ['li'] }, notice: { endsOn: '2027-01-15' }, nominations: [{ memberId: 'li' }] });
    });
  });
});
