import { ballotCodeDecider, type BallotCodeEvent } from './ballot/ballot-code';
import { tallyBallots } from './ballot/tally-ballots';
import { EMPTY_CALENDAR } from './calendar/working-days';
import { dispatchDecider } from './dispatch/decider';
import { toIntegrationEvent } from './integration/to-integration-event';
import { monthlyCheckDecider } from './monthly-check/decider';
import { statusFactsOf } from './monthly-check/status-facts';
import type { CheckEntry } from './monthly-check/types';
import { roundDecider } from './round/decider';
import { explainResult } from './round/explain';
import type { SubjectFacts } from './round/scoring/facts';
import type { Actor } from './shared/actor';
import type { ItemStatus, ItemStatusFact } from './shared/statuses';
import { schemeDecider } from './scheme/decider';
import { EXAMPLE_SCHEME } from './scheme/example-scheme';
import { talkDecider } from './talk/decider';

/** Decide and fold a series of commands on one aggregate, like the handler: load, decide, append. */
function stream<C, E, S>(decider: { decide(c: C, s: S): E[]; evolve(s: S, e: E): S; initialState(): S }) {
  let state = decider.initialState();
  const events: E[] = [];
  return {
    run(command: C): E[] {
      const decided = decider.decide(command, state);
      state = decided.reduce(decider.evolve, state);
      events.push(...decided);
      return decided;
    },
    get state() {
      return state;
    },
    events,
  };
}

const actor = (memberId: string, roles: string[], place: Partial<Actor> = {}): Actor => ({ memberId, bureauId: 'weihai', roles: ['member', ...roles], ...place });
const qian = actor('qian', ['appraisal-office']);
const li = actor('li', ['appraisal-office']);
const zhou = actor('zhou', ['leading-group']);
const zhao = actor('zhao', ['group-leader'], { groupId: 'group-1', branchId: 'branch-1' });
const wang = actor('wang', ['branch-secretary'], { groupId: 'group-1', branchId: 'branch-1' });
const office = { officeStaff: ['qian', 'li'] };
const at = (date: string) => `${date}T02:00:00.000Z`;
const roster = [
  { memberId: 'sun', items: [{ pledgeId: 'p-sun', itemNo: 1 }, { pledgeId: 'p-sun', itemNo: 2 }] },
  { memberId: 'zheng', items: [{ pledgeId: 'p-zheng', itemNo: 1 }] },
];
const statusesByMonth: Record<string, [ItemStatus, ItemStatus, ItemStatus]> = {
  '2026-01': ['on-track', 'on-track', 'on-track'],
  '2026-02': ['on-track', 'on-track', 'behind'],
  '2026-03': ['done', 'on-track', 'behind'],
  '2026-04': ['done', 'on-track', 'on-track'],
  '2026-05': ['done', 'on-track', 'on-track'],
  '2026-06': ['done', 'on-track', 'done'],
};
const entries = ([a, b, c]: [ItemStatus, ItemStatus, ItemStatus]): CheckEntry[] => [
  { memberId: 'sun', note: '按计划推进', items: [{ pledgeId: 'p-sun', itemNo: 1, status: a }, { pledgeId: 'p-sun', itemNo: 2, status: b }] },
  { memberId: 'zheng', note: '需加快进度', items: [{ pledgeId: 'p-zheng', itemNo: 1, status: c }] },
];

describe('a whole appraisal year: checks → dispatch → talk → round → notice → objection upheld → rescore → renotice → final', () => {
  it('runs through every aggregate with the facts each one hands the next', () => {
    // The scheme, published at the start of the year (no quota for two subjects).
    const scheme = stream(schemeDecider);
    const content = { ...EXAMPLE_SCHEME, topGradeQuota: undefined };
    scheme.run({ type: 'DraftScheme', actor: qian, bureauId: 'weihai', year: 2026, version: 1, content, context: office, at: at('2026-01-05') });
    scheme.run({ type: 'SubmitScheme', actor: qian, context: office, at: at('2026-01-06') });
    scheme.run({ type: 'ApproveScheme', actor: zhou, at: at('2026-01-08') });
    scheme.run({ type: 'PublishScheme', actor: qian, context: office, at: at('2026-01-09') });

    // Monthly checks of party group 1, each stored with an id the scores will cite.
    const statuses: ItemStatusFact[] = [];
    for (const [month, row] of Object.entries(statusesByMonth)) {
      const check = stream(monthlyCheckDecider);
      const [event] = check.run({ type: 'RecordMonthlyCheck', actor: zhao, bureauId: 'weihai', branchId: 'branch-1', groupId: 'group-1', month, roster, entries: entries(row), at: at(`${month}-28`) });
      statuses.push(...statusFactsOf(event!, `ev-check-${month}`));
    }

    // The first quarter's dispatch finds zheng behind; the talk is held.
    const dispatch = stream(dispatchDecider);
    const [held] = dispatch.run({
      type: 'HoldQuarterlyDispatch',
      actor: wang,
      bureauId: 'weihai',
      branchId: 'branch-1',
      year: 2026,
      quarter: 1,
      meeting: { date: '2026-04-03', attendees: ['wang', 'zhao', 'sun', 'zheng'] },
      leftOut: [],
      context: { branchMembers: ['wang', 'zhao', 'sun', 'zheng'], groupIds: ['group-1'], roster, statuses, progress: [], talkDueDays: 14 },
      at: at('2026-04-03'),
    });
    expect(held!.data.talksDue).toEqual([{ memberId: 'zheng', dueOn: '2026-04-17', items: [{ pledgeId: 'p-zheng', itemNo: 1, status: 'behind', reason: 'behind' }] }]);
    const talk = stream(talkDecider);
    const due = held!.data.talksDue[0]!;
    talk.run({ type: 'ScheduleReminderTalk', talkId: 't1', bureauId: 'weihai', branchId: 'branch-1', memberId: 'zheng', year: 2026, quarter: 1, scheduledOn: '2026-04-03', dueOn: due.dueOn, items: due.items, at: at('2026-04-03') });
    talk.run({ type: 'RecordReminderTalk', actor: wang, context: { memberGroupId: 'group-1' }, heldOn: '2026-04-10', talkedBy: ['wang'], notes: { analysis: '调研任务重', agreedActions: ['四月底前完成'] }, followUpOn: '2026-05-10', at: at('2026-04-10') });
    expect(talk.state.status).toBe('held');

    // The half-year round.
    const round = stream(roundDecider);
    const book = (pledgeId: string) => [{ pledgeId, pledgerType: 'individual' as const, status: 'published' as const }];
    round.run({
      type: 'OpenRound',
      actor: qian,
      bureauId: 'weihai',
      year: 2026,
      half: 'H1',
      context: { ...office, scheme: scheme.state, subjects: [{ memberId: 'sun', partyStatus: 'full', groupId: 'group-1', books: book('p-sun') }, { memberId: 'zheng', partyStatus: 'probationary', groupId: 'group-1', books: book('p-zheng') }] },
      at: at('2026-06-29'),
    });
    const facts: Record<string, SubjectFacts> = {
      sun: {
        items: [{ pledgeId: 'p-sun', itemNo: 1, kind: 'common', dueQuarter: 1 }, { pledgeId: 'p-sun', itemNo: 2, kind: 'deed', dueQuarter: 4 }],
        statuses: statuses.filter((s) => s.memberId === 'sun'),
        records: [{ eventId: 'ev-progress-1', recordId: 'r1', pledgeId: 'p-sun', itemNo: 2, recordedOn: '2026-05-12' }],
        talks: [],
      },
      zheng: {
        items: [{ pledgeId: 'p-zheng', itemNo: 1, kind: 'deed', dueQuarter: 2 }],
        statuses: statuses.filter((s) => s.memberId === 'zheng'),
        records: [{ eventId: 'ev-progress-2', recordId: 'r2', pledgeId: 'p-zheng', itemNo: 1, recordedOn: '2026-06-20' }],
        talks: [{ eventId: 'ev-talk-t1', talkId: 't1', year: 2026, quarter: 1 }],
      },
    };
    round.run({ type: 'ScoreComputedCriteria', actor: qian, context: { ...office, facts }, at: at('2026-06-29') });
    for (const memberId of ['sun', 'zheng']) {
      round.run({ type: 'EnterScore', actor: qian, context: office, memberId, criterionId: 'group', points: 13, note: '组织评价', at: at('2026-06-29') });
      round.run({ type: 'EnterScore', actor: li, context: office, memberId, criterionId: 'distinct', points: 4, note: '有特色', at: at('2026-06-29') });
      round.run({ type: 'RecordSelfAssessment', actor: actor(memberId, []), rating: 'good', at: at('2026-06-29') });
    }
    round.run({ type: 'RecordPeerTally', actor: qian, context: { ...office, groupMembers: 2 }, groupId: 'group-1', tallies: [{ memberId: 'sun', counts: { good: 1, fair: 0, average: 0, poor: 0 } }, { memberId: 'zheng', counts: { good: 0, fair: 1, average: 0, poor: 0 } }], at: at('2026-06-29') });

    // The masses vote with one-time codes; the round keeps the counts.
    const ballots: BallotCodeEvent[] = [];
    for (const [hash, rating] of [['1'.repeat(64), 'good'], ['2'.repeat(64), 'fair']] as const) {
      const code = stream(ballotCodeDecider);
      code.run({ type: 'IssueBallotCode', actor: qian, codeHash: hash, bureauId: 'weihai', year: 2026, half: 'H1', context: { ...office, roundStatus: 'scoring' }, at: at('2026-06-29') });
      ballots.push(...code.run({ type: 'CastBallot', ratings: [{ memberId: 'sun', rating }, { memberId: 'zheng', rating }], context: { roundStatus: 'scoring', massesCounted: false, subjects: ['sun', 'zheng'] }, at: at('2026-06-29') }));
    }
    const tally = tallyBallots(ballots.flatMap((b) => (b.type === 'BallotCast' ? [b.data] : [])));
    round.run({ type: 'RecordMassesTally', actor: qian, context: office, ...tally, at: at('2026-06-29') });

    // On notice, an objection upheld, a rescore, a renewed notice, final.
    const noticeContext = { ...office, calendar: EMPTY_CALENDAR, noticeWorkingDays: 5 };
    const [posted] = round.run({ type: 'PutResultsOnNotice', actor: qian, context: noticeContext, at: at('2026-06-30') });
    expect(posted).toMatchObject({ data: { notice: { startsOn: '2026-06-30', endsOn: '2026-07-06' } } });
    const zhengBefore = round.state.results.zheng!.points;
    expect(explainResult(round.state, 'zheng')!.sheet.criteria.find((c) => c.criterionId === 'talks')).toMatchObject({ points: 2.5, sourceEventIds: ['ev-talk-t1'] });
    round.run({ type: 'RaiseObjection', actor: actor('wu', []), objectionId: 'o1', memberId: 'zheng', text: '实事承诺已超额完成，组织评价偏低', at: at('2026-07-01') });
    round.run({ type: 'UpholdObjection', actor: li, context: office, objectionId: 'o1', reason: '核实属实', at: at('2026-07-02') });
    round.run({ type: 'EnterScore', actor: li, context: office, memberId: 'zheng', criterionId: 'group', points: 15, note: '复核后调整', at: at('2026-07-02') });
    expect(() => round.run({ type: 'FinalizeRound', at: at('2026-07-07') })).toThrow(expect.objectContaining({ code: 'rescoring_pending' }));
    round.run({ type: 'RenewNotice', actor: qian, context: noticeContext, at: at('2026-07-03') });
    expect(round.state.results.zheng).toMatchObject({ points: zhengBefore + 2, noticeNo: 2, notice: { endsOn: '2026-07-09' } });
    expect(() => round.run({ type: 'FinalizeRound', at: at('2026-07-08') })).toThrow(expect.objectContaining({ code: 'notice_not_over' }));
    const finalEvents = round.run({ type: 'FinalizeRound', at: at('2026-07-10') });

    const published = finalEvents.map((e, i) => toIntegrationEvent(e, { aggregateId: 'round-2026-H1', eventId: `ev-final-${i}` }));
    expect(published.map((e) => e!.type)).toEqual(['pledgebook.appraisal.result-finalized.v1', 'pledgebook.appraisal.result-finalized.v1', 'pledgebook.appraisal.round-finalized.v1']);
    expect(published[1]!.data).toMatchObject({ memberId: 'zheng', partyStatus: 'probationary', points: zhengBefore + 2, schemeVersion: 1 });
    expect(round.state.status).toBe('final');
  });
});
