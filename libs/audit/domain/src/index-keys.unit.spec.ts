import { indexKeys, learnPledgeSubject, subjectKey } from './index-keys';
import { mentionsOf, pledgeIdOfStream, programmeYearAt, yearOfStream, type IndexedEvent } from './mentions';

const P = '018f2a6e-1c2b-7d3e-8f40-123456789abc';
const event = (stream: string, type: string, data: unknown, over: Partial<IndexedEvent> = {}): IndexedEvent => ({
  id: 'e1',
  stream,
  revision: 0,
  position: 1,
  type,
  data,
  metadata: { bureauId: 'weihai', correlationId: 'corr-1', causationId: 'corr-1' },
  recordedAt: '2026-03-01T02:00:00.000Z',
  ...over,
});
const drafted = event(`pledge-${P}`, 'PledgeDrafted', { pledgeId: P, bureauId: 'weihai', year: 2026, pledger: { type: 'paired', memberIds: ['wang', 'zhou'] }, branchId: 'branch-1', items: [] });

describe('what an event names', () => {
  it('finds pledges, members, branches and years at any depth, but nothing under restricted', () => {
    const fact = { sourceEventId: 'x', subject: `pledges/${P}`, data: { bureauId: 'weihai', year: 2026, pledger: { memberIds: ['li'] } } };
    expect(mentionsOf(fact)).toMatchObject({ pledgeIds: [P], memberIds: ['li'], bureauIds: ['weihai'], years: [2026] });
    expect(mentionsOf({ month: '2026-04', entries: [{ memberId: 'wang' }, { memberId: 'li' }] })).toMatchObject({ memberIds: ['wang', 'li'], years: [2026] });
    expect(mentionsOf({ objectionId: 'o', memberId: 'wang', restricted: { objectorId: 'zhou', memberId: 'zhou' } }).memberIds).toEqual(['wang']);
    expect(mentionsOf({ year: 1999, month: '2026-13' }).years).toEqual([]);
    expect(mentionsOf({ bureauId: 'weihai', parentBureauId: 'shandong' }).parentBureauId).toBe('shandong');
  });

  it('reads the pledge of an aggregate stream and the year of a keyed stream', () => {
    expect(pledgeIdOfStream(`review-${P}`)).toBe(P);
    expect(pledgeIdOfStream('review-facts-weihai')).toBeUndefined();
    expect(yearOfStream('pledgebook-weihai.wang.2026')).toBe(2026);
    expect(yearOfStream('review-publications-weihai.branch-1.2025')).toBe(2025);
    expect(yearOfStream('directory-weihai')).toBeUndefined();
    expect(programmeYearAt('2025-12-31T17:00:00.000Z')).toBe(2026);
  });
});

describe('index keys', () => {
  const subject = learnPledgeSubject(drafted, mentionsOf(drafted.data), undefined)!;

  it('learns a pledge from its draft, and adds what a later event names', () => {
    expect(subject).toEqual({ pledgeId: P, bureauId: 'weihai', year: 2026, memberIds: ['wang', 'zhou'], branchId: 'branch-1' });
    const again = event(`review-${P}`, 'ReviewRoundOpened', { pledgeId: P, year: 2026, pledger: { memberIds: ['wang', 'zhou'] } });
    expect(learnPledgeSubject(again, mentionsOf(again.data), subject)).toBeUndefined();
    const publication = event('review-publications-weihai.branch-1.2026', 'PledgesPublished', { pledgeIds: [P, 'other'], year: 2026 });
    expect(learnPledgeSubject(publication, mentionsOf(publication.data), undefined)).toBeUndefined();
  });

  it('files a comment in a review stream under the pledge, its pledgers’ years, its branch and its bureau', () => {
    const comment = event(`review-${P}`, 'GroupCommentAdded', { round: 1, commentId: 'c', by: 'zhao', text: '…', at: '2026-03-02' });
    expect(indexKeys(comment, mentionsOf(comment.data), [subject]).sort()).toEqual(
      [subjectKey.correlation('corr-1'), subjectKey.pledge(P), subjectKey.bureauYear('weihai', 2026), subjectKey.branchYear('weihai', 'branch-1', 2026), subjectKey.memberYear('weihai', 'wang', 2026), subjectKey.memberYear('weihai', 'zhou', 2026)].sort(),
    );
  });

  it('files a directory event under the programme year it was recorded in, and a member it names', () => {
    const added = event('directory-weihai', 'MemberAdded', { memberId: 'li', joinedOn: '2020-01-01' }, { recordedAt: '2026-12-31T20:00:00.000Z' });
    expect(indexKeys(added, mentionsOf(added.data), [])).toEqual(expect.arrayContaining([subjectKey.bureauYear('weihai', 2027), subjectKey.memberYear('weihai', 'li', 2027)]));
  });

  it('takes over the pledge and member keys of its cause when it names neither', () => {
    const consequence = event('reward-facts-weihai', 'Something', { note: 'x' }, { metadata: { bureauId: 'weihai', correlationId: 'corr-1', causationId: 'e0' } });
    const keys = indexKeys(consequence, mentionsOf(consequence.data), [], [subjectKey.pledge(P), subjectKey.memberYear('weihai', 'wang', 2026), subjectKey.correlation('other'), subjectKey.bureauYear('weihai', 2020)]);
    expect(keys).toEqual(expect.arrayContaining([subjectKey.pledge(P), subjectKey.memberYear('weihai', 'wang', 2026)]));
    expect(keys).not.toContain(subjectKey.correlation('other'));
    expect(keys).not.toContain(subjectKey.bureauYear('weihai', 2020));
  });
});

describe('restricted data', () => {
  it('is withheld from what a timeline shows', () => {
    const { containsRestricted, redactRestricted } = jest.requireActual('./redaction') as typeof import('./redaction');
    const data = { objectionId: 'o', memberId: 'wang', restricted: { objectorId: 'zhou', text: '…' } };
    expect(containsRestricted(data)).toBe(true);
    expect(containsRestricted({ talk: [{ personal: { notes: '…' } }] })).toBe(true);
    expect(redactRestricted(data)).toEqual({ objectionId: 'o', memberId: 'wang', restricted: { withheld: 'restricted' } });
    expect(containsRestricted({ memberId: 'wang' })).toBe(false);
  });
});
