import { EXAMPLE_SCHEME, NEVER_PUBLISHED_EVENT_TYPES, type AppraisalDomainEvent } from '@pledgebook/appraisal-domain';
import { APPRAISAL_CONTRACTS, ContractRegistry, EVENT_CATALOG } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { mapAppraisalEvent } from './appraisal-relay.mapping';

const registry = new ContractRegistry(EVENT_CATALOG);
const AT = '2026-07-06T02:00:00.000Z';
let revision = 0;
const recorded = (stream: string, event: AppraisalDomainEvent): RecordedEvent => ({
  id: `01940000-0000-7000-8000-${String(++revision).padStart(12, '0')}`,
  stream,
  revision,
  position: revision,
  type: event.type,
  schemaVersion: 1,
  data: event.data,
  metadata: { bureauId: 'weihai', actorId: 'qian', actorRole: 'appraisal-office', correlationId: 'c', causationId: 'c' },
  recordedAt: AT,
  prevHash: '0'.repeat(64),
  hash: 'b'.repeat(64),
});

const counts = { done: 3, 'on-track': 1, behind: 1, 'not-started': 0 };
const notice = { postedOn: '2026-06-29', startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 };
const subject = { memberId: 'sun', partyStatus: 'full' as const, branchId: 'branch-1', groupId: 'group-1', books: [{ pledgeId: 'p-sun', pledgerType: 'individual' as const, status: 'published' as const }] };
const round = 'appraisal-round-weihai.2026.H1';
const talk = 'appraisal-talk-weihai.t-1';
const secrets = ['身体原因进度滞后', '长期病假', '家庭困难影响履诺', '调整工作时间', '组织评价偏高', '反映人', 'objectorId', 'restricted', 'personal', 'zheng-objector'];

// Every event type the context stores, with what it would publish (undefined: stays inside the service).
const cases: Array<[string, AppraisalDomainEvent, string | undefined]> = [
  ['appraisal-scheme-weihai.2026.v1', { type: 'SchemeDrafted', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', at: AT } }, undefined],
  ['appraisal-scheme-weihai.2026.v1', { type: 'SchemeApproved', data: { version: 1, by: 'zhou', at: AT } }, undefined],
  ['appraisal-scheme-weihai.2026.v1', { type: 'SchemePublished', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', publishedAt: AT } }, 'pledgebook.appraisal.scheme-published.v1'],
  ['appraisal-calendar-weihai.2026', { type: 'CalendarYearSet', data: { bureauId: 'weihai', year: 2026, holidays: ['2026-10-01'], makeUpWorkdays: [], by: 'qian', at: AT } }, undefined],
  [
    'appraisal-check-weihai.group-1.2026-04',
    { type: 'MonthlyCheckRecorded', data: { bureauId: 'weihai', branchId: 'branch-1', groupId: 'group-1', month: '2026-04', entries: [{ memberId: 'zheng', note: '身体原因进度滞后', items: [] }], members: 2, items: 5, counts, by: 'zhao', at: AT } },
    'pledgebook.appraisal.monthly-check-recorded.v1',
  ],
  [
    'appraisal-check-weihai.group-1.2026-04',
    { type: 'MonthlyCheckCorrected', data: { bureauId: 'weihai', branchId: 'branch-1', groupId: 'group-1', month: '2026-04', changes: [], reason: '核实后更正', members: 2, items: 5, counts, by: 'zhao', at: AT } },
    'pledgebook.appraisal.monthly-check-recorded.v1',
  ],
  [
    'appraisal-dispatch-weihai.branch-1.2026.Q1',
    {
      type: 'QuarterlyDispatchHeld',
      data: {
        bureauId: 'weihai',
        branchId: 'branch-1',
        year: 2026,
        quarter: 1,
        meeting: { date: '2026-04-08', attendees: ['wang', 'zhao'] },
        summary: { members: 3, items: 5, statusCounts: counts, unchecked: 0, checks: { expected: 6, held: 6, missing: [] }, progressRecords: 1, membersWithProgress: 1, dueThisQuarter: 1, dueDone: 0, membersBehind: 2 },
        membersBehind: [{ memberId: 'zheng', items: [] }, { memberId: 'wu', items: [] }],
        leftOut: [{ memberId: 'wu', reason: '长期病假' }],
        talksDue: [{ memberId: 'zheng', dueOn: '2026-04-22', items: [] }],
        sourceEventIds: [],
        by: 'wang',
        at: AT,
      },
    },
    'pledgebook.appraisal.quarterly-dispatch-held.v1',
  ],
  [talk, { type: 'ReminderTalkScheduled', data: { talkId: 't-1', bureauId: 'weihai', branchId: 'branch-1', memberId: 'zheng', year: 2026, quarter: 1, scheduledOn: '2026-04-08', dueOn: '2026-04-22', items: [], at: AT } }, undefined],
  [talk, { type: 'ReminderTalkHeld', data: { talkId: 't-1', heldOn: '2026-04-15', talkedBy: ['wang'], followUpOn: '2026-05-31', late: false, by: 'wang', at: AT, personal: { analysis: '家庭困难影响履诺', agreedActions: ['调整工作时间'] } } }, undefined],
  [talk, { type: 'ReminderTalkCancelled', data: { talkId: 't-1', by: 'wang', at: AT, personal: { reason: '长期病假' } } }, undefined],
  [round, { type: 'RoundOpened', data: { bureauId: 'weihai', year: 2026, half: 'H1', schemeVersion: 1, scheme: EXAMPLE_SCHEME, subjects: [subject], by: 'qian', at: AT } }, 'pledgebook.appraisal.round-opened.v1'],
  [round, { type: 'SelfAssessmentRecorded', data: { memberId: 'sun', rating: 'good', at: AT } }, undefined],
  [round, { type: 'MassesTallyRecorded', data: { ballots: 3, tallies: [{ memberId: 'sun', counts: { good: 2, fair: 1, average: 0, poor: 0 } }], by: 'qian', at: AT } }, undefined],
  [round, { type: 'ResultsPutOnNotice', data: { bureauId: 'weihai', year: 2026, half: 'H1', schemeVersion: 1, notice, results: [{ memberId: 'sun', points: 91.5, grade: 'excellent', gradeReason: 'band' }], renewal: false, by: 'qian', at: AT } }, 'pledgebook.appraisal.results-on-notice.v1'],
  [round, { type: 'ObjectionRaised', data: { objectionId: 'o-1', memberId: 'sun', raisedAt: AT, restricted: { objectorId: 'zheng-objector', text: '组织评价偏高，反映人要求复核' } } }, undefined],
  [round, { type: 'ObjectionUpheld', data: { objectionId: 'o-1', memberId: 'sun', reason: '复核属实', by: 'li', at: AT } }, undefined],
  [round, { type: 'ResultFinalized', data: { bureauId: 'weihai', year: 2026, half: 'H1', memberId: 'sun', partyStatus: 'full', points: 88, grade: 'qualified', schemeVersion: 1, finalizedAt: AT } }, 'pledgebook.appraisal.result-finalized.v1'],
  [round, { type: 'RoundFinalized', data: { bureauId: 'weihai', year: 2026, half: 'H1', schemeVersion: 1, subjects: 1, gradeCounts: { qualified: 1 }, finalizedAt: AT } }, 'pledgebook.appraisal.round-finalized.v1'],
  ['appraisal-ballot-weihai.' + 'a'.repeat(64), { type: 'BallotCodeIssued', data: { codeHash: 'a'.repeat(64), bureauId: 'weihai', year: 2026, half: 'H1', by: 'qian', at: AT } }, undefined],
  ['appraisal-ballot-weihai.' + 'a'.repeat(64), { type: 'BallotCast', data: { bureauId: 'weihai', year: 2026, half: 'H1', ratings: [{ memberId: 'sun', rating: 'poor' }], at: AT } }, undefined],
];

describe('appraisal relay mapping', () => {
  it.each(cases)('%s %s', (stream, event, expected) => {
    const messages = mapAppraisalEvent(recorded(stream, event));
    expect(messages.map((m) => m.value.type)).toEqual(expected ? [expected] : []);
    for (const m of messages) {
      expect(() => registry.validate(m.value)).not.toThrow();
      expect(m).toMatchObject({ topic: 'pledgebook.appraisal.v1', key: stream.replace(/^appraisal-[a-z]+-/, '') });
      expect(m.value.source).toBe('/bureaus/weihai/appraisal-service');
    }
  });

  it('publishes every appraisal contract from some stored event', () => {
    const published = new Set(cases.flatMap(([stream, event]) => mapAppraisalEvent(recorded(stream, event)).map((m) => m.value.type)));
    expect([...published].sort()).toEqual(APPRAISAL_CONTRACTS.map((c) => c.type).sort());
  });

  it('never maps talk notes, objections, objectors or single ballots, whatever the stream', () => {
    for (const type of NEVER_PUBLISHED_EVENT_TYPES) {
      const event = cases.find(([, e]) => e.type === type)!;
      expect(mapAppraisalEvent(recorded(event[0], event[1]))).toEqual([]);
      expect(mapAppraisalEvent(recorded(round, event[1]))).toEqual([]);
    }
    const everything = JSON.stringify(cases.flatMap(([stream, event]) => mapAppraisalEvent(recorded(stream, event)).map((m) => m.value)));
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('publishes nothing from the facts streams it took in from the pledge service', () => {
    expect(mapAppraisalEvent({ ...recorded('appraisal-facts-weihai', cases[2]![1]), type: 'IntegrationEventRecorded' })).toEqual([]);
  });

  it('names the round and notice in the published ids', () => {
    const [posted] = mapAppraisalEvent(recorded(round, cases.find(([, e]) => e.type === 'ResultsPutOnNotice')![1]));
    expect(posted!.value.data).toMatchObject({ roundId: 'weihai.2026.H1', noticeId: posted!.value.id, startsOn: '2026-06-29', endsOn: '2026-07-03' });
  });
});
