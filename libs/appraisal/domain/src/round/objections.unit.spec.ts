import { deciderSpec } from '@pledgebook/util/testing';
import { EMPTY_CALENDAR } from '../calendar/working-days';
import type { RoundCommand } from './commands';
import { roundDecider } from './decider';
import type { RoundEvent } from './events';
import { fold, li, member, office, qian, roundKey, run, scoredEvents } from './round.fixtures';

const given = deciderSpec(roundDecider.decide, roundDecider.evolve, roundDecider.initialState);
const noticeContext = { ...office, calendar: EMPTY_CALENDAR, noticeWorkingDays: 5 };
const onNoticeState = () => run(fold(scoredEvents()), { type: 'PutResultsOnNotice', actor: qian, context: noticeContext, at: '2026-06-29T02:00:00.000Z' });
const base = () => [...scoredEvents(), ...onNoticeState().events];
const JULY_1 = '2026-07-01T02:00:00.000Z';
const raise = (extra: Partial<Extract<RoundCommand, { type: 'RaiseObjection' }>> = {}): RoundCommand => ({
  type: 'RaiseObjection',
  actor: member('wu'),
  objectionId: 'o1',
  memberId: 'sun',
  text: ' 组织评价偏高 ',
  at: JULY_1,
  ...extra,
});
const raised: RoundEvent = { type: 'ObjectionRaised', data: { objectionId: 'o1', memberId: 'sun', raisedAt: JULY_1, restricted: { objectorId: 'wu', text: '组织评价偏高' } } };
const decide = (type: 'DismissObjection' | 'UpholdObjection', extra: Record<string, unknown> = {}): RoundCommand =>
  ({ type, actor: li, context: office, objectionId: 'o1', reason: '经复核', at: JULY_1, ...extra }) as RoundCommand;
const upheld: RoundEvent = { type: 'ObjectionUpheld', data: { objectionId: 'o1', memberId: 'sun', reason: '经复核', by: 'li', at: JULY_1 } };

describe('appraisal round: objections during the notice', () => {
  describe('raising', () => {
    it('takes an objection from anyone in the bureau, the objector and text kept for the office only', () => given(base()).when(raise()).then([raised]));
    it('takes objections until the end of the notice’s last working day, local time', () => {
      expect(roundDecider.decide(raise({ at: '2026-07-03T15:59:00.000Z' }), fold(base()))).toHaveLength(1);
      const error = given(base()).when(raise({ at: '2026-07-03T16:00:00.000Z' })).thenFails('notice_not_running', 'conflict');
      expect(error.details.notice).toMatchObject({ endsOn: '2026-07-03' });
    });
    it('refuses other bureaus, empty or overlong text, and non-subjects', () => {
      given(base()).when(raise({ actor: { ...member('wu'), bureauId: 'yantai' } })).thenFails('other_bureau', 'forbidden');
      given(base()).when(raise({ text: ' ' })).thenFails('text_required', 'invalid', 'text');
      given(base()).when(raise({ text: '长'.repeat(2001) })).thenFails('text_too_long', 'invalid', 'text');
      given(base()).when(raise({ memberId: 'chen' })).thenFails('not_a_subject', 'invalid', 'memberId');
    });
    it('ignores a repeated objection and refuses a different one under the same id', () => {
      given([...base(), raised]).when(raise()).then([]);
      given([...base(), raised]).when(raise({ text: '别的' })).thenFails('objection_exists', 'conflict');
    });
    it('refuses objections before the notice', () => {
      given(scoredEvents()).when(raise()).thenFails('wrong_state', 'conflict');
    });
  });

  describe('deciding', () => {
    it('dismisses with a reason', () =>
      given([...base(), raised]).when(decide('DismissObjection')).then([{ type: 'ObjectionDismissed', data: { objectionId: 'o1', memberId: 'sun', reason: '经复核', by: 'li', at: JULY_1 } }]));
    it('upholds, and the member’s result is rescored', () => {
      given([...base(), raised]).when(decide('UpholdObjection')).then([upheld]);
      expect(fold([...base(), raised, upheld]).results.sun!.status).toBe('rescoring');
    });
    it('wants a reason, an open objection that exists, and the office', () => {
      given([...base(), raised]).when(decide('DismissObjection', { reason: '' })).thenFails('reason_required', 'invalid', 'reason');
      given([...base(), raised, upheld]).when(decide('DismissObjection')).thenFails('objection_decided', 'conflict');
      given(base()).when(decide('UpholdObjection')).thenFails('objection_not_found', 'not_found');
      given([...base(), raised]).when(decide('UpholdObjection', { actor: member('zhao') })).thenFails('not_office_staff', 'forbidden');
    });
    it('never lets anyone decide on their own result or their own objection', () => {
      const aboutLi: RoundEvent = { type: 'ObjectionRaised', data: { objectionId: 'o1', memberId: 'li', raisedAt: JULY_1, restricted: { objectorId: 'wu', text: '偏高' } } };
      given([...base(), aboutLi]).when(decide('UpholdObjection')).thenFails('scores_self', 'forbidden');
      const byLi: RoundEvent = { type: 'ObjectionRaised', data: { objectionId: 'o1', memberId: 'sun', raisedAt: JULY_1, restricted: { objectorId: 'li', text: '偏高' } } };
      given([...base(), byLi]).when(decide('UpholdObjection')).thenFails('decides_own_objection', 'forbidden');
      expect(roundDecider.decide(decide('UpholdObjection', { actor: qian }), fold([...base(), byLi]))).toHaveLength(1);
    });
    it('takes no objection to a result being rescored', () => {
      given([...base(), raised, upheld]).when(raise({ objectionId: 'o2' })).thenFails('not_on_notice', 'conflict');
    });
  });

  describe('rescoring and the renewed notice', () => {
    const renew = (at = '2026-07-06T02:00:00.000Z'): RoundCommand => ({ type: 'RenewNotice', actor: qian, context: noticeContext, at });
    const rescore: RoundCommand = { type: 'EnterScore', actor: qian, context: office, memberId: 'sun', criterionId: 'group', points: 5, note: '复核后调整', at: '2026-07-02T02:00:00.000Z' };

    it('puts the rescored member, and anyone whose grade the quota moved, on a new notice', () => {
      const { state } = run(fold([...base(), raised, upheld]), rescore);
      const [event] = roundDecider.decide(renew(), state);
      // sun falls to 90 and loses the quota's one place to zheng (95); nobody else changes.
      expect(event).toEqual({
        type: 'ResultsPutOnNotice',
        data: {
          ...roundKey,
          notice: { postedOn: '2026-07-06', startsOn: '2026-07-06', endsOn: '2026-07-10', workingDays: 5 },
          results: [
            { memberId: 'sun', points: 90, grade: 'qualified', gradeReason: 'quota' },
            { memberId: 'zheng', points: 95, grade: 'excellent', gradeReason: 'band' },
          ],
          renewal: true,
          by: 'qian',
          at: '2026-07-06T02:00:00.000Z',
        },
      });
      const after = roundDecider.evolve(state, event!);
      expect(after.results.sun).toMatchObject({ status: 'on-notice', noticeNo: 2 });
      expect(after.results.wu).toMatchObject({ noticeNo: 1, notice: { endsOn: '2026-07-03' } });
    });

    it('refuses when nobody is being rescored, or while an objection on them is open', () => {
      given([...base(), raised]).when(renew()).thenFails('nothing_to_renotice', 'conflict');
      const second: RoundEvent = { type: 'ObjectionRaised', data: { objectionId: 'o2', memberId: 'sun', raisedAt: JULY_1, restricted: { objectorId: 'qin', text: '另有异议' } } };
      given([...base(), raised, second, upheld]).when(renew()).thenFails('objections_open', 'conflict');
    });

    it('finalizes only after the renewed notice is over', () => {
      const { state } = run(fold([...base(), raised, upheld]), rescore, renew());
      expect(() => roundDecider.decide({ type: 'FinalizeRound', at: '2026-07-08T02:00:00.000Z' }, state)).toThrow(expect.objectContaining({ code: 'notice_not_over', details: expect.objectContaining({ endsOn: '2026-07-10' }) }));
      const events = roundDecider.decide({ type: 'FinalizeRound', at: '2026-07-11T02:00:00.000Z' }, state);
      expect(events.find((e) => e.type === 'ResultFinalized' && e.data.memberId === 'zheng')).toMatchObject({ data: { grade: 'excellent', points: 95 } });
    });
  });
});
