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

describe('integration events on pledgebook.appraisal.v1', () => {
  it('publishes the scheme as made public: criteria, bands with labels, the quota', () => {
    const mapped = toIntegrationEvent({ type: 'SchemePublished', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', publishedAt: AT } });
    expect(mapped).toMatchObject({ type: 'pledgebook.appraisal.scheme-published.v1', subject: 'schemes/2026/v1', data: { version: 1, totalPoints: 100, topGradeQuota: { maxPercent: 20 } } });
    expect(mapped!.data).toMatchObject({ bands: [{ grade: 'excellent', label: '优秀', minPoints: 90 }, { label: '合格' }, { label: '基本合格' }, { label: '不合格' }] });
    expect((mapped!.data as { criteria: unknown[] }).criteria[0]).toEqual({ id: 'items', label: '承诺事项完成情况', maxPoints: 30, source: 'computed', formula: 'items-fulfilled-ratio' });
  });

  it('publishes a monthly check and its corrections as counts only', () => {
    expect(toIntegrationEvent(checked)).toEqual({
      type: 'pledgebook.appraisal.monthly-check-recorded.v1',
      subject: 'monthly-checks/group-1/2026-04',
      data: { bureauId: 'weihai', branchId: 'branch-1', groupId: 'group-1', month: '2026-04', members: 2, items: 5, counts, correction: false, recordedAt: AT },
    });
    const corrected: MonthlyCheckEvent = {
      type: 'MonthlyCheckCorrected',
      data: { bureauId: 'weihai', branchId: 'branch-1', groupId: 'group-1', month: '2026-04', changes: [], reason: '核实', members: 2, items: 5, counts, by: 'zhao', at: AT },
    };
    expect(toIntegrationEvent(corrected)!.data).toMatchObject({ correction: true });
  });

  it('publishes a quarterly dispatch as counts only', () => {
    expect(toIntegrationEvent(dispatched)).toEqual({
      type: 'pledgebook.appraisal.quarterly-dispatch-held.v1',
      subject: 'dispatches/branch-1/2026-Q1',
      data: {
        bureauId: 'weihai',
        branchId: 'branch-1',
        year: 2026,
        quarter: 1,
        meetingDate: '2026-04-08',
        attendees: 3,
        members: 3,
        items: 5,
        counts,
        checksExpected: 6,
        checksHeld: 5,
        membersBehind: 2,
        leftOut: 1,
        talksScheduled: 1,
        heldAt: AT,
      },
    });
  });

  it('publishes the round: opened, results on notice, each result finalized, the round finalized', () => {
    expect(toIntegrationEvent(opened)).toEqual({
      type: 'pledgebook.appraisal.round-opened.v1',
      subject: 'rounds/2026-H1',
      data: { bureauId: 'weihai', year: 2026, half: 'H1', schemeVersion: 1, subjects: 5, openedAt: '2026-06-22T02:00:00.000Z' },
    });
    const posted: RoundEvent = { type: 'ResultsPutOnNotice', data: { ...roundKey, notice, results: [{ memberId: 'sun', points: 100, grade: 'excellent', gradeReason: 'band' }], renewal: false, by: 'qian', at: AT } };
    expect(toIntegrationEvent(posted)!.data).toEqual({ ...roundKey, renewal: false, notice, results: [{ memberId: 'sun', points: 100, grade: 'excellent', gradeLabel: '优秀' }], postedAt: AT });
    const final: RoundEvent = { type: 'ResultFinalized', data: { ...roundKey, memberId: 'zheng', partyStatus: 'probationary', points: 95, grade: 'qualified', finalizedAt: AT } };
    expect(toIntegrationEvent(final)).toEqual({
      type: 'pledgebook.appraisal.result-finalized.v1',
      subject: 'rounds/2026-H1/members/zheng',
      data: { ...roundKey, memberId: 'zheng', partyStatus: 'probationary', points: 95, grade: 'qualified', gradeLabel: '合格', finalizedAt: AT },
    });
    const roundFinal: RoundEvent = { type: 'RoundFinalized', data: { ...roundKey, subjects: 5, gradeCounts: { excellent: 1, qualified: 4 }, finalizedAt: AT } };
    expect(toIntegrationEvent(roundFinal)).toMatchObject({ type: 'pledgebook.appraisal.round-finalized.v1', data: { subjects: 5, gradeCounts: { excellent: 1, qualified: 4 } } });
  });

  it('never publishes talk notes, objections, objectors or single ballots', () => {
    for (const event of personal) {
      expect(NEVER_PUBLISHED_EVENT_TYPES.has(event.type)).toBe(true);
      expect(toIntegrationEvent(event)).toBeUndefined();
    }
  });

  it('keeps scoring, tallies and internal steps inside the service', () => {
    for (const event of scoredEvents().slice(1)) expect(toIntegrationEvent(event)).toBeUndefined();
    expect(toIntegrationEvent({ type: 'SchemeDrafted', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', at: AT } })).toBeUndefined();
  });

  it('carries no personal text in anything it publishes', () => {
    const published = JSON.stringify([checked, dispatched, opened, ...personal].map(toIntegrationEvent));
    for (const secret of ['身体原因进度滞后', '长期病假', '家庭困难影响履诺', '组织评价偏高', 'objectorId', 'personal', 'restricted', 'zheng', 'note']) expect(published).not.toContain(secret);
  });
});
