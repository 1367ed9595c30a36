import { deciderSpec } from '@pledgebook/util/testing';
import { EMPTY_CALENDAR } from '../calendar/working-days';
import type { RoundCommand } from './commands';
import { roundDecider } from './decider';
import type { RoundEvent } from './events';
import { fold, li, member, office, opened, qian, roundKey, run, scoredEvents } from './round.fixtures';

const given = deciderSpec(roundDecider.decide, roundDecider.evolve, roundDecider.initialState);
const POSTED = '2026-06-29T02:00:00.000Z';
const noticeContext = { ...office, calendar: EMPTY_CALENDAR, noticeWorkingDays: 5 };
const putOnNotice: RoundCommand = { type: 'PutResultsOnNotice', actor: qian, context: noticeContext, at: POSTED };
const notice = { postedOn: '2026-06-29', startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 };
const onNotice: RoundEvent = {
  type: 'ResultsPutOnNotice',
  data: {
    ...roundKey,
    notice,
    results: [
      { memberId: 'li', points: 87, grade: 'qualified', gradeReason: 'band' },
      { memberId: 'qin', points: 74, grade: 'basically-qualified', gradeReason: 'band' },
      { memberId: 'sun', points: 100, grade: 'excellent', gradeReason: 'band' },
      { memberId: 'wu', points: 91, grade: 'qualified', gradeReason: 'quota' },
      { memberId: 'zheng', points: 95, grade: 'qualified', gradeReason: 'quota' },
    ],
    renewal: false,
    by: 'qian',
    at: POSTED,
  },
};
const finalize = (at: string, extra: Partial<Extract<RoundCommand, { type: 'FinalizeRound' }>> = {}): RoundCommand => ({ type: 'FinalizeRound', at, ...extra });
const AFTER = '2026-07-05T02:00:00.000Z';
const raised: RoundEvent = { type: 'ObjectionRaised', data: { objectionId: 'o1', memberId: 'sun', raisedAt: '2026-07-01T02:00:00.000Z', restricted: { objectorId: 'wu', text: '组织评价偏高' } } };

describe('appraisal round: notice and finalization', () => {
  it('puts every subject’s points and grade on notice for five working days, the quota applied', () => given(scoredEvents()).when(putOnNotice).then([onNotice]));

  it('refuses while any criterion is unscored, naming member and criterion', () => {
    const error = given([opened]).when(putOnNotice).thenFails('scores_incomplete', 'invalid', 'scores');
    expect((error.details.missing as unknown[])[0]).toEqual({ memberId: 'li', criterionIds: ['items', 'checks', 'deeds', 'talks', 'group', 'democratic', 'distinct'] });
    const withoutSunGroup = scoredEvents().filter((e) => !(e.type === 'EnteredScoreRecorded' && e.data.memberId === 'sun' && e.data.score.criterionId === 'group'));
    expect(given(withoutSunGroup).when(putOnNotice).thenFails('scores_incomplete', 'invalid').details.missing).toEqual([{ memberId: 'sun', criterionIds: ['group'] }]);
  });

  it('refuses a bad notice length, people outside the office, and a second notice', () => {
    given(scoredEvents()).when({ ...putOnNotice, context: { ...noticeContext, noticeWorkingDays: 0 } } as RoundCommand).thenFails('bad_notice_days', 'invalid', 'noticeWorkingDays');
    given(scoredEvents()).when({ ...putOnNotice, actor: member('sun') } as RoundCommand).thenFails('not_office_staff', 'forbidden');
    given([...scoredEvents(), onNotice]).when(putOnNotice).thenFails('wrong_state', 'conflict');
  });

  it('counts the notice in the bureau’s working days', () => {
    const dragonBoat = { holidays: ['2026-06-19', '2026-06-20', '2026-06-21'], makeUpWorkdays: [] };
    const [event] = roundDecider.decide({ ...putOnNotice, context: { ...noticeContext, calendar: dragonBoat }, at: '2026-06-18T02:00:00.000Z' } as RoundCommand, fold(scoredEvents()));
    expect(event).toMatchObject({ data: { notice: { postedOn: '2026-06-18', startsOn: '2026-06-18', endsOn: '2026-06-25' } } });
  });

  describe('finalization', () => {
    it('waits until the notice is over (local time)', () => {
      const error = given([...scoredEvents(), onNotice]).when(finalize('2026-07-03T15:59:00.000Z')).thenFails('notice_not_over', 'conflict');
      expect(error.details.endsOn).toBe('2026-07-03');
    });

    it('finalizes each result, then the round, once the notice is over and no objection is open', () => {
      const events = roundDecider.decide(finalize('2026-07-03T16:00:00.000Z'), fold([...scoredEvents(), onNotice]));
      expect(events.map((e) => e.type)).toEqual(['ResultFinalized', 'ResultFinalized', 'ResultFinalized', 'ResultFinalized', 'ResultFinalized', 'RoundFinalized']);
      expect(events[4]).toEqual({
        type: 'ResultFinalized',
        data: { bureauId: 'weihai', year: 2026, half: 'H1', memberId: 'zheng', partyStatus: 'probationary', points: 95, grade: 'qualified', schemeVersion: 1, finalizedAt: '2026-07-03T16:00:00.000Z' },
      });
      expect(events[5]).toEqual({
        type: 'RoundFinalized',
        data: { bureauId: 'weihai', year: 2026, half: 'H1', schemeVersion: 1, subjects: 5, gradeCounts: { qualified: 3, 'basically-qualified': 1, excellent: 1 }, finalizedAt: '2026-07-03T16:00:00.000Z' },
      });
    });

    it('waits for open objections, naming them', () => {
      expect(given([...scoredEvents(), onNotice, raised]).when(finalize(AFTER)).thenFails('objections_open', 'conflict').details.objectionIds).toEqual(['o1']);
    });

    it('waits for a rescored result to go on notice again', () => {
      const upheld: RoundEvent = { type: 'ObjectionUpheld', data: { objectionId: 'o1', memberId: 'sun', reason: '复核属实', by: 'li', at: AFTER } };
      expect(given([...scoredEvents(), onNotice, raised, upheld]).when(finalize(AFTER)).thenFails('rescoring_pending', 'conflict').details.memberIds).toEqual(['sun']);
    });

    it('runs from a scheduler without an actor, or from the office only', () => {
      given([...scoredEvents(), onNotice]).when(finalize(AFTER, { actor: member('sun'), context: office })).thenFails('not_office_staff', 'forbidden');
      expect(roundDecider.decide(finalize(AFTER, { actor: li, context: office }), fold([...scoredEvents(), onNotice]))).toHaveLength(6);
      given(scoredEvents()).when(finalize(AFTER)).thenFails('wrong_state', 'conflict');
    });

    it('never changes final results: a repeat does nothing and every other command is refused', () => {
      const { state } = run(fold([...scoredEvents(), onNotice]), finalize(AFTER));
      expect(state.status).toBe('final');
      expect(Object.values(state.results).every((r) => r.status === 'final')).toBe(true);
      expect(roundDecider.decide(finalize(AFTER), state)).toEqual([]);
      const enter: RoundCommand = { type: 'EnterScore', actor: qian, context: office, memberId: 'sun', criterionId: 'group', points: 1, note: 'x', at: AFTER };
      expect(() => roundDecider.decide(enter, state)).toThrow(expect.objectContaining({ code: 'round_final', kind: 'conflict' }));
      const object: RoundCommand = { type: 'RaiseObjection', actor: member('wu'), objectionId: 'o9', memberId: 'sun', text: '异议', at: AFTER };
      expect(() => roundDecider.decide(object, state)).toThrow(expect.objectContaining({ code: 'round_final' }));
    });
  });
});
