import { ContractRegistry, EVENT_CATALOG } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { testMetadata } from '@pledgebook/event-store/testing';
import { commandsForReviewEvent } from './review-decisions.consumer';
import { mapPledgeServiceEvent } from './pledge-relay.mapping';

const registry = new ContractRegistry(EVENT_CATALOG);
const items = [{ no: 1, kind: 'deed', text: '資助學生', target: '2000元', category: 'student-aid' }];
let revision = 0;
const recorded = (stream: string, type: string, data: unknown): RecordedEvent => ({
  id: `018f0000-0000-7000-8000-${String(revision).padStart(12, '0')}`,
  stream,
  revision: revision++,
  position: revision,
  type,
  schemaVersion: 1,
  data,
  metadata: testMetadata({ bureauId: 'weihai' }),
  recordedAt: '2026-03-01T08:00:00.000Z',
  prevHash: '0'.repeat(64),
  hash: 'b'.repeat(64),
});

describe('pledge relay mapping', () => {
  const cases: [string, string, unknown, string | undefined][] = [
    ['pledge-p1', 'PledgeDrafted', { pledgeId: 'p1', bureauId: 'weihai', year: 2026, pledger: { type: 'individual', memberIds: ['m1'] }, groupId: 'g1', items }, 'pledgebook.pledge.pledge-drafted.v1'],
    ['pledge-p1', 'PledgeSubmitted', { pledgeId: 'p1', bureauId: 'weihai', year: 2026, round: 1, pledger: { type: 'individual', memberIds: ['m1'] }, branchId: 'br1', items }, 'pledgebook.pledge.pledge-submitted.v1'],
    ['pledge-p1', 'PledgeRevised', { pledgeId: 'p1', items }, 'pledgebook.pledge.pledge-revised.v1'],
    ['pledge-p1', 'PledgeWithdrawn', { pledgeId: 'p1', reason: '調離' }, 'pledgebook.pledge.pledge-withdrawn.v1'],
    ['pledge-p1', 'PledgeApproved', { pledgeId: 'p1', reviewId: 'r', round: 1, decidedBy: 's', approvedAt: '2026-03-01T08:00:00.000Z' }, undefined],
    ['pledge-p1', 'PledgePublished', { pledgeId: 'p1', publicationId: 'pub', publishedBy: 's', publishedAt: '2026-03-01T08:00:00.000Z' }, 'pledgebook.pledge.pledge-published.v1'],
    ['pledge-p1', 'ProgressRecorded', { pledgeId: 'p1', recordId: 'r1', itemNo: 1, recordedOn: '2026-03-01', narrative: '送學費', evidence: [], amountFen: 200000, recordedBy: 'm1', recordedAt: '2026-03-01T08:00:00.000Z' }, 'pledgebook.pledge.progress-recorded.v1'],
    ['pledge-p1', 'PledgeClosed', { pledgeId: 'p1', year: 2026 }, 'pledgebook.pledge.pledge-closed.v1'],
    ['directory-weihai', 'BureauRegistered', { bureauId: 'weihai', name: '威海市統計局', level: 'city', parentBureauId: 'shandong' }, 'pledgebook.pledge.bureau-registered.v1'],
    ['directory-weihai', 'MemberAdded', { memberId: 'm1', name: '王', partyStatus: 'full', branchId: 'br1', groupId: 'g1', roles: ['member'], joinedOn: '2026-01-01' }, 'pledgebook.pledge.member-added.v1'],
    ['directory-weihai', 'MemberUpdated', { memberId: 'm1', roles: ['member', 'group-leader'] }, 'pledgebook.pledge.member-updated.v1'],
    ['directory-weihai', 'MemberMoved', { memberId: 'm1', fromGroupId: 'g1', toGroupId: 'g2', branchId: 'br1', effectiveOn: '2026-06-01' }, 'pledgebook.pledge.member-moved.v1'],
    ['directory-weihai', 'OrgUnitAdded', { orgUnitId: 'g2', type: 'party-group', name: '第二黨小組', parentId: 'br1' }, 'pledgebook.pledge.org-unit-added.v1'],
    ['directory-weihai', 'GuidanceCategoriesSet', { branchId: 'br1', year: 2026, categories: ['elderly-care'] }, 'pledgebook.pledge.guidance-categories-set.v1'],
    ['directory-weihai', 'AppraisalOfficeAssigned', { year: 2026, staff: [{ memberId: 'm1', duty: '考核記錄' }] }, 'pledgebook.pledge.appraisal-office-assigned.v1'],
    ['directory-weihai', 'YearClosed', { year: 2025 }, 'pledgebook.pledge.year-closed.v1'],
    ['directory-weihai', 'YearOpened', { year: 2027 }, undefined],
    ['directory-weihai', 'ProgrammeRulesSet', { year: 2026, positionBenchmark: false, yearlyDeed: true }, undefined],
    ['pledge-p1', 'ProgressRecorded', { pledgeId: 'p1', recordId: 'r2', itemNo: 1, recordedOn: '2026-03-01', narrative: '更正', evidence: [], peopleAided: 1, beneficiaryRef: 'student-07', corrects: 'r1', recordedBy: 'm1', recordedAt: '2026-03-01T08:00:00.000Z' }, 'pledgebook.pledge.progress-recorded.v1'],
  ];

  it.each(cases)('%s %s maps to its integration event, valid against its schema', (stream, type, data, expected) => {
    const messages = mapPledgeServiceEvent(recorded(stream, type, data));
    expect(messages.map((m) => m.value.type)).toEqual(expected ? [expected] : []);
    for (const m of messages) {
      expect(() => registry.validate(m.value)).not.toThrow();
      expect(m.topic).toBe('pledgebook.pledge.v1');
      expect(m.value.source).toBe('/bureaus/weihai/pledge-service');
    }
  });

  it('relays the year’s settings with their bureau, keyed by the bureau', () => {
    const office = mapPledgeServiceEvent(recorded('directory-weihai', 'AppraisalOfficeAssigned', { year: 2026, staff: [{ memberId: 'm1', duty: '考核記錄' }, { memberId: 'm2', duty: '打分' }] }))[0]!;
    expect(office).toMatchObject({ key: 'weihai', value: { subject: 'bureaus/weihai/appraisal-office/2026', data: { bureauId: 'weihai', year: 2026, staff: [{ memberId: 'm1' }, { memberId: 'm2' }] } } });
    const categories = mapPledgeServiceEvent(recorded('directory-weihai', 'GuidanceCategoriesSet', { branchId: 'br1', year: 2026, categories: ['elderly-care'] }))[0]!;
    expect(categories).toMatchObject({ key: 'weihai', value: { data: { bureauId: 'weihai', branchId: 'br1', year: 2026, categories: ['elderly-care'] } } });
    const closed = mapPledgeServiceEvent(recorded('directory-weihai', 'YearClosed', { year: 2025 }))[0]!;
    expect(closed).toMatchObject({ key: 'weihai', value: { type: 'pledgebook.pledge.year-closed.v1', data: { bureauId: 'weihai', year: 2025 } } });
  });

  it('carries a fulfilment record’s beneficiary reference', () => {
    const [m] = mapPledgeServiceEvent(recorded('pledge-p1', 'ProgressRecorded', { pledgeId: 'p1', recordId: 'r3', itemNo: 1, recordedOn: '2026-03-01', narrative: '送學費', evidence: [], peopleAided: 1, beneficiaryRef: 'student-07', recordedBy: 'm1', recordedAt: '2026-03-01T08:00:00.000Z' }));
    expect(m!.value.data).toMatchObject({ beneficiaryRef: 'student-07', peopleAided: 1 });
    expect(m!.value.data).not.toHaveProperty('recordedAt');
  });

  it('turns a publication act into one recording per pledge, each with its own idempotency seed', () => {
    const commands = commandsForReviewEvent({
      ...mapPledgeServiceEvent(recorded('pledge-p1', 'PledgeClosed', { pledgeId: 'p1', year: 2026 }))[0]!.value,
      type: 'pledgebook.review.pledges-published.v1',
      data: { publicationId: 'pub', branchId: 'br1', year: 2026, pledgeIds: ['p1', 'p2'], publishedBy: 's', publishedAt: '2026-03-01T08:00:00.000Z' },
    });
    expect(commands.map((c) => [c.pledgeId, c.command.type])).toEqual([['p1', 'RecordPublication'], ['p2', 'RecordPublication']]);
    expect(new Set(commands.map((c) => c.meta.idempotencySeed)).size).toBe(2);
  });
});
