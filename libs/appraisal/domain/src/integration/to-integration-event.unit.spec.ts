import type { BallotCodeEvent } from '../ballot/ballot-code';
import type { DispatchEvent } from '../dispatch/events';
import type { MonthlyCheckEvent } from '../monthly-check/events';
import type { RoundEvent } from '../round/events';
import { opened, roundKey, scoredEvents } from '../round/round.fixtures';
import { EXAMPLE_SCHEME } from '../scheme/example-scheme';
import type { TalkEvent } from '../talk/events';
import { NEVER_PUBLISHED_EVENT_TYPES, type AppraisalDomainEvent } from './domain-events';
import { toIntegrationEvent } from './to-integration-event';

const AT = '2026-07-01T02:00:00.000Z';
const counts = { done: 3, 'on-track': 1, behind: 1, 'not-started': 0 };
const notice = { postedOn: '2026-06-29', startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 };
const checked: MonthlyCheckEvent = {
  type: 'MonthlyCheckRecorded',
  data: { bureauId: 'weihai', branchId: 'branch-1', groupId: 'group-1', month: '2026-04', entries: [{ memberId: 'zheng', note: '身体原因进度滞后', items: [] }], members: 2, items: 5, counts, by: 'zhao', at: AT },
};
const dispatched: DispatchEvent = {
  type: 'QuarterlyDispatchHeld',
  data: {
    bureauId: 'weihai',
    branchId: 'branch-1',
    year: 2026,
    quarter: 1,
    meeting: { date: '2026-04-08', attendees: ['wang', 'zhao', 'sun'] },
    summary: { members: 3, items: 5, statusCounts: counts, unchecked: 0, checks: { expected: 6, held: 5, missing: [] }, progressRecords: 2, membersWithProgress: 1, dueThisQuarter: 2, dueDone: 1, membersBehind: 2 },
    membersBehind: [{ memberId: 'zheng', items: [] }, { memberId: 'wu', items: [] }],
    leftOut: [{ memberId: 'wu', reason: '长期病假' }],
    talksDue: [{ memberId: 'zheng', dueOn: '2026-04-22', items: [] }],
    sourceEventIds: [],
    by: 'wang',
    at: AT,
  },
};
const personal: AppraisalDomainEvent[] = [
  { type: 'ReminderTalkHeld', data: { talkId: 't1', heldOn: '2026-04-15', talkedBy: ['wang'], followUpOn: '2026-05-31', late: false, by: 'wang', at: AT, personal: { analysis: '家庭困难影响履诺', agreedActions: ['调整时间'] } } } as TalkEvent,
  { type: 'ReminderTalkCancelled', data: { talkId: 't1', by: 'wang', at: AT, personal: { reason: '长期病假' } } } as TalkEvent,
  { type: 'ObjectionRaised', data: { objectionId: 'o1', memberId: 'sun', raisedAt: AT, restricted: { objectorId: 'wu', text: '组织评价偏高' } } } as RoundEvent,
  { type: 'BallotCast', data: { bureauId: 'weihai', year: 2026, half: 'H1', ratings: [{ memberId: 'sun', rating: 'poor' }], at: AT } } as BallotCodeEvent,
];

const ids = { aggregateId: 'agg-1', eventId: 'ev-1' };
const map = (event: AppraisalDomainEvent) => toIntegrationEvent(event, ids);

describe('integration events on pledgebook.appraisal.v1 (the contracts’ fields)', () => {
  it('publishes the scheme as made public: criteria with bonuses and deductions, grades with labels, quota, veto', () => {
    const mapped = map({ type: 'SchemePublished', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', publishedAt: AT } });
    expect(mapped).toMatchObject({ type: 'pledgebook.appraisal.scheme-published.v1', subject: 'schemes/2026/v1' });
    expect(mapped!.data).toEqual({
      bureauId: 'weihai',
      year: 2026,
      schemeId: 'agg-1',
      version: 1,
      publishedAt: AT,
      criteria: [
        ...EXAMPLE_SCHEME.criteria.map((c) => ({ criterionId: c.id, name: c.label, maxPoints: c.maxPoints, source: c.source })),
        { criterionId: 'research-award', name: '统计信息、分析调研获奖', maxPoints: 5, source: 'bonus' },
        { criterionId: 'work-discipline', name: '违反工作纪律', maxPoints: 10, source: 'deduction' },
      ],
      grades: [
        { grade: 'excellent', label: '优秀', minPoints: 90 },
        { grade: 'qualified', label: '合格', minPoints: 75 },
        { grade: 'basically-qualified', label: '基本合格', minPoints: 60 },
        { grade: 'unqualified', label: '不合格', minPoints: 0 },
      ],
      topGradeQuotaPercent: 20,
      veto: true,
    });
  });

  it('publishes a monthly check and its corrections as counts only', () => {
    expect(map(checked)).toEqual({
      type: 'pledgebook.appraisal.monthly-check-recorded.v1',
      subject: 'monthly-checks/group-1/2026-04',
      data: { bureauId: 'weihai', checkId: 'agg-1', groupId: 'group-1', branchId: 'branch-1', month: '2026-04', members: 2, items: 5, done: 3, onTrack: 1, behind: 1, notStarted: 0, recordedAt: AT },
    });
    const corrected: MonthlyCheckEvent = {
      type: 'MonthlyCheckCorrected',
      data: { bureauId: 'weihai', branchId: 'branch-1', groupId: 'group-1', month: '2026-04', changes: [], reason: '核实', members: 2, items: 5, counts: { ...counts, behind: 0, 'on-track': 2 }, by: 'zhao', at: AT },
    };
    expect(map(corrected)!.data).toMatchObject({ checkId: 'agg-1', onTrack: 2, behind: 0 });
  });

  it('publishes a quarterly dispatch as counts only', () => {
    expect(map(dispatched)).toEqual({
      type: 'pledgebook.appraisal.quarterly-dispatch-held.v1',
      subject: 'dispatches/branch-1/2026-Q1',
      data: { bureauId: 'weihai', dispatchId: 'agg-1', branchId: 'branch-1', year: 2026, quarter: 1, heldOn: '2026-04-08', members: 3, membersBehind: 2, talksDue: 1 },
    });
  });

  it('publishes the round: opened, each notice, each result finalized, the round finalized', () => {
    expect(map(opened)).toEqual({
      type: 'pledgebook.appraisal.round-opened.v1',
      subject: 'rounds/2026-H1',
      data: { bureauId: 'weihai', roundId: 'agg-1', year: 2026, half: 'H1', schemeVersion: 1, subjects: 5, openedAt: '2026-06-22T02:00:00.000Z' },
    });
    const posted: RoundEvent = { type: 'ResultsPutOnNotice', data: { ...roundKey, notice, results: [{ memberId: 'sun', points: 100, grade: 'excellent', gradeReason: 'band' }], renewal: true, by: 'qian', at: AT } };
    expect(map(posted)).toEqual({
      type: 'pledgebook.appraisal.results-on-notice.v1',
      subject: 'rounds/2026-H1',
      data: { bureauId: 'weihai', roundId: 'agg-1', noticeId: 'ev-1', year: 2026, half: 'H1', members: 1, startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 },
    });
    const final: RoundEvent = { type: 'ResultFinalized', data: { ...roundKey, memberId: 'zheng', partyStatus: 'probationary', points: 95, grade: 'qualified', finalizedAt: AT } };
    expect(map(final)).toEqual({
      type: 'pledgebook.appraisal.result-finalized.v1',
      subject: 'rounds/2026-H1/members/zheng',
      data: { bureauId: 'weihai', roundId: 'agg-1', year: 2026, half: 'H1', memberId: 'zheng', partyStatus: 'probationary', points: 95, grade: 'qualified', gradeLabel: '合格', schemeVersion: 1, finalizedAt: AT },
    });
    const roundFinal: RoundEvent = { type: 'RoundFinalized', data: { ...roundKey, subjects: 5, gradeCounts: { excellent: 1, qualified: 4 }, finalizedAt: AT } };
    expect(map(roundFinal)).toEqual({
      type: 'pledgebook.appraisal.round-finalized.v1',
      subject: 'rounds/2026-H1',
      data: { bureauId: 'weihai', roundId: 'agg-1', year: 2026, half: 'H1', members: 5, byGrade: { excellent: 1, qualified: 4, 'basically-qualified': 0, unqualified: 0 }, finalizedAt: AT },
    });
  });

  it('never publishes talk notes, objections, objectors or single ballots', () => {
    for (const event of personal) {
      expect(NEVER_PUBLISHED_EVENT_TYPES.has(event.type)).toBe(true);
      expect(map(event)).toBeUndefined();
    }
  });

  it('keeps scoring, tallies and internal steps inside the service', () => {
    for (const event of scoredEvents().slice(1)) expect(map(event)).toBeUndefined();
    expect(map({ type: 'SchemeDrafted', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', at: AT } })).toBeUndefined();
  });

  it('carries no personal text in anything it publishes', () => {
    const published = JSON.stringify([checked, dispatched, opened, ...personal].map(map));
    for (const secret of ['身体原因进度滞后', '长期病假', '家庭困难影响履诺', '组织评价偏高', 'objectorId', 'personal', 'restricted', 'zheng', 'note']) expect(published).not.toContain(secret);
  });
});
