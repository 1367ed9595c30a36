import { deciderSpec } from '@pledgebook/util/testing';
import type { RoundCommand } from './commands';
import { roundDecider } from './decider';
import type { RoundEvent } from './events';
import { li, member, office, opened, OPEN_AT, qian, roundKey, score, scoredEvents, subjects } from './round.fixtures';
import type { SubjectFacts } from './scoring/facts';
import { scoreComputed } from './scoring/formulas';
import { EXAMPLE_SCHEME } from '../scheme/example-scheme';
import type { ComputedCriterion } from '../scheme/types';

const given = deciderSpec(roundDecider.decide, roundDecider.evolve, roundDecider.initialState);
const AT = OPEN_AT;
const facts: SubjectFacts = {
  items: [{ pledgeId: 'p', itemNo: 1, kind: 'deed', dueQuarter: 2 }],
  statuses: [{ eventId: 'ev-c1', groupId: 'group-1', month: '2026-05', memberId: 'x', pledgeId: 'p', itemNo: 1, status: 'done' }],
  records: [{ eventId: 'ev-r1', recordId: 'r1', pledgeId: 'p', itemNo: 1, recordedOn: '2026-05-02' }],
  talks: [],
};
const allFacts = Object.fromEntries(subjects.map((s) => [s.memberId, facts]));
const computeAll: RoundCommand = { type: 'ScoreComputedCriteria', actor: qian, context: { ...office, facts: allFacts }, at: AT };
const enter = (extra: Partial<Extract<RoundCommand, { type: 'EnterScore' }>> = {}): RoundCommand => ({
  type: 'EnterScore',
  actor: qian,
  context: office,
  memberId: 'sun',
  criterionId: 'group',
  points: 14.5,
  note: ' 组织评价：带头作用明显 ',
  at: AT,
  ...extra,
});
const computedCriteria = EXAMPLE_SCHEME.criteria.filter((c): c is ComputedCriterion => c.source === 'computed');
const onNotice: RoundEvent = {
  type: 'ResultsPutOnNotice',
  data: { ...roundKey, notice: { postedOn: '2026-06-29', startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 }, results: [], renewal: false, by: 'qian', at: AT },
};
const upheldForSun: RoundEvent[] = [
  { ...onNotice, data: { ...(onNotice as Extract<RoundEvent, { type: 'ResultsPutOnNotice' }>).data, results: ['li', 'qin', 'sun', 'wu', 'zheng'].map((m) => ({ memberId: m, points: 90, grade: 'qualified' as const, gradeReason: 'band' as const })) } },
  { type: 'ObjectionRaised', data: { objectionId: 'o1', memberId: 'sun', raisedAt: AT, restricted: { objectorId: 'wu', text: '组织评价偏低' } } },
  { type: 'ObjectionUpheld', data: { objectionId: 'o1', memberId: 'sun', reason: '复核属实', by: 'li', at: AT } },
];

describe('appraisal round: scores', () => {
  describe('computed criteria', () => {
    it('scores every subject’s computed criteria from the supplied facts, each score explaining itself', () => {
      const period = { year: 2026, half: 'H1' as const, schemeVersion: 1 };
      const explained = computedCriteria.map((c) => scoreComputed(c, facts, period));
      const stored = explained.map(({ criterionId, points, inputs, sourceEventIds }) => ({ criterionId, points, inputs, sourceEventIds }));
      const scores = subjects.map((s) => s.memberId).sort().map((memberId) => ({ memberId, criteria: stored }));
      given([opened]).when(computeAll).then([{ type: 'ComputedScoresRecorded', data: { scores, by: 'qian', at: AT } }]);
      // The event stores what the scheme does not say; the fold explains every point again.
      const state = [opened, { type: 'ComputedScoresRecorded', data: { scores, by: 'qian', at: AT } } as RoundEvent].reduce(roundDecider.evolve, roundDecider.initialState());
      expect(Object.values(state.computed.sun!)).toEqual(explained);
      expect(explained[0]).toMatchObject({ criterionId: 'items', schemeVersion: 1, formula: 'items-fulfilled-ratio', points: 30, sourceEventIds: ['ev-c1'] });
    });
    it('folds scores recorded whole (before they were stored without the scheme’s text) as they were', () => {
      const whole = scoreComputed(computedCriteria[0]!, facts, { year: 2026, half: 'H1', schemeVersion: 1 });
      const state = [opened, { type: 'ComputedScoresRecorded', data: { scores: [{ memberId: 'sun', criteria: [whole] }], by: 'qian', at: AT } } as RoundEvent].reduce(roundDecider.evolve, roundDecider.initialState());
      expect(state.computed.sun!.items).toEqual(whole);
    });
    it('wants facts for every subject, and only for subjects', () => {
      const { sun: _sun, ...withoutSun } = allFacts;
      expect(given([opened]).when({ ...computeAll, context: { ...office, facts: withoutSun } } as RoundCommand).thenFails('facts_missing', 'invalid', 'facts').details.memberIds).toEqual(['sun']);
      given([opened]).when({ ...computeAll, context: { ...office, facts: { ...allFacts, chen: facts } } } as RoundCommand).thenFails('not_a_subject', 'invalid', 'facts');
    });
    it('lets only the office compute them', () => {
      given([opened]).when({ ...computeAll, actor: member('sun') } as RoundCommand).thenFails('not_office_staff', 'forbidden');
    });
    it('on notice, recomputes only members whose objection was upheld', () => {
      const events = [...scoredEvents(), ...upheldForSun];
      const [event] = roundDecider.decide({ ...computeAll, context: { ...office, facts: { sun: facts } } } as RoundCommand, events.reduce(roundDecider.evolve, roundDecider.initialState()));
      expect(event).toMatchObject({ type: 'ComputedScoresRecorded', data: { scores: [{ memberId: 'sun' }] } });
      given(events).when({ ...computeAll, context: { ...office, facts: { wu: facts } } } as RoundCommand).thenFails('not_rescoring', 'conflict');
      given(events).when({ ...computeAll, context: { ...office, facts: {} } } as RoundCommand).thenFails('facts_missing', 'invalid', 'facts');
    });
  });

  describe('entered criteria', () => {
    it('records the office’s score with who entered it and why', () =>
      given([opened]).when(enter()).then([{ type: 'EnteredScoreRecorded', data: { memberId: 'sun', score: { ...score('group', 14.5, 'qian'), note: '组织评价：带头作用明显' }, by: 'qian', at: AT } }]));
    it('refuses scoring oneself: nobody scores themselves', () => {
      given([opened]).when(enter({ actor: li, memberId: 'li' })).thenFails('scores_self', 'forbidden');
      expect(roundDecider.decide(enter({ actor: qian, memberId: 'li' }), roundDecider.evolve(roundDecider.initialState(), opened))).toHaveLength(1);
    });
    it('refuses computed, democratic and unknown criteria, points out of range and a missing note', () => {
      given([opened]).when(enter({ criterionId: 'items' })).thenFails('computed_criterion', 'invalid', 'criterionId');
      given([opened]).when(enter({ criterionId: 'democratic' })).thenFails('democratic_criterion', 'invalid', 'criterionId');
      given([opened]).when(enter({ criterionId: 'attendance' })).thenFails('unknown_criterion', 'invalid', 'criterionId');
      given([opened]).when(enter({ points: 15.5 })).thenFails('bad_points', 'invalid', 'points');
      given([opened]).when(enter({ points: -1 })).thenFails('bad_points', 'invalid', 'points');
      given([opened]).when(enter({ points: 1.234 })).thenFails('bad_points', 'invalid', 'points');
      given([opened]).when(enter({ note: '' })).thenFails('note_required', 'invalid', 'note');
      given([opened]).when(enter({ memberId: 'chen' })).thenFails('not_a_subject', 'invalid', 'memberId');
    });
    it('refuses staff outside the year’s office before looking at the input', () => {
      given([opened]).when(enter({ actor: member('wu') })).thenFails('not_office_staff', 'forbidden');
      given([opened]).when(enter({ actor: member('wu'), memberId: 'chen' })).thenFails('not_office_staff', 'forbidden');
    });
    it('on notice, takes scores only for a member being rescored', () => {
      given([...scoredEvents(), onNotice]).when(enter()).thenFails('not_rescoring', 'conflict');
      expect(roundDecider.decide(enter(), [...scoredEvents(), ...upheldForSun].reduce(roundDecider.evolve, roundDecider.initialState()))).toHaveLength(1);
    });
  });

  describe('bonuses, deductions and vetoes', () => {
    const bonus = (extra: Partial<Extract<RoundCommand, { type: 'AwardBonus' }>> = {}): RoundCommand => ({
      type: 'AwardBonus',
      actor: qian,
      context: office,
      memberId: 'wu',
      bonusId: 'research-award',
      points: 3,
      reason: '分析报告获市领导批示',
      at: AT,
      ...extra,
    });
    it('awards a bonus up to its cap, with a reason', () => {
      given([opened]).when(bonus()).then([{ type: 'BonusAwarded', data: { memberId: 'wu', bonusId: 'research-award', points: 3, reason: '分析报告获市领导批示', by: 'qian', at: AT } }]);
      given([opened]).when(bonus({ points: 6 })).thenFails('bad_points', 'invalid', 'points');
      given([opened]).when(bonus({ bonusId: 'x' })).thenFails('unknown_bonus', 'invalid', 'bonusId');
      given([opened]).when(bonus({ reason: ' ' })).thenFails('reason_required', 'invalid', 'reason');
      given([opened]).when(bonus({ actor: li, memberId: 'li' })).thenFails('scores_self', 'forbidden');
    });
    it('records a deduction up to its cap, and withdraws it with 0 points', () => {
      const deduct: RoundCommand = { type: 'RecordDeduction', actor: qian, context: office, memberId: 'qin', deductionId: 'work-discipline', points: 4, reason: '迟报统计数据', at: AT };
      const recorded: RoundEvent = { type: 'DeductionRecorded', data: { memberId: 'qin', deductionId: 'work-discipline', points: 4, reason: '迟报统计数据', by: 'qian', at: AT } };
      given([opened]).when(deduct).then([recorded]);
      given([opened]).when({ ...deduct, deductionId: 'research-award' } as RoundCommand).thenFails('unknown_deduction', 'invalid', 'deductionId');
      const withdrawn = roundDecider.evolve([opened, recorded].reduce(roundDecider.evolve, roundDecider.initialState()), { type: 'DeductionRecorded', data: { ...recorded.data, points: 0, reason: '核实无误' } } as RoundEvent);
      expect(withdrawn.deductions.qin).toEqual({});
    });
    it('records a one-vote veto once and lifts it with a reason', () => {
      const veto: RoundCommand = { type: 'RecordVeto', actor: qian, context: office, memberId: 'qin', vetoId: 'discipline-case', reason: '受到党内警告处分', at: AT };
      const vetoed: RoundEvent = { type: 'VetoRecorded', data: { memberId: 'qin', vetoId: 'discipline-case', reason: '受到党内警告处分', by: 'qian', at: AT } };
      given([opened]).when(veto).then([vetoed]);
      given([opened, vetoed]).when(veto).then([]);
      given([opened]).when({ ...veto, vetoId: 'absence' } as RoundCommand).thenFails('unknown_veto', 'invalid', 'vetoId');
      given([opened]).when({ ...veto, reason: '' } as RoundCommand).thenFails('reason_required', 'invalid', 'reason');
      const lift: RoundCommand = { ...veto, type: 'LiftVeto', reason: '处分已撤销' } as RoundCommand;
      given([opened, vetoed]).when(lift).then([{ type: 'VetoLifted', data: { ...vetoed.data, reason: '处分已撤销' } } as RoundEvent]);
      given([opened]).when(lift).thenFails('not_vetoed', 'conflict');
      given([opened]).when({ ...veto, actor: li, memberId: 'li' } as RoundCommand).thenFails('scores_self', 'forbidden');
    });
  });
});
