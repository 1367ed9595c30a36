import { indexKeys, keysForNewPeople, learnPledgeSubject, learnStreamSubject, subjectKey, type StreamSubject } from './index-keys';
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
    const keys = indexKeys(consequence, mentionsOf(consequence.data), [], { causeKeys: [subjectKey.pledge(P), subjectKey.memberYear('weihai', 'wang', 2026), subjectKey.correlation('other'), subjectKey.bureauYear('weihai', 2020)] });
    expect(keys).toEqual(expect.arrayContaining([subjectKey.pledge(P), subjectKey.memberYear('weihai', 'wang', 2026)]));
    expect(keys).not.toContain(subjectKey.correlation('other'));
    expect(keys).not.toContain(subjectKey.bureauYear('weihai', 2020));
  });
});

describe('the reward service’s records', () => {
  const S = '018f2a6e-1c2b-7d3e-8f40-0000000000aa';
  const selection = `reward-selection-${S}`;
  const opened = event(selection, 'SelectionOpened', { selectionId: S, bureauId: 'weihai', year: 2026, title: '優秀共產黨員', quota: 2, honour: { honourId: 'outstanding-member' }, policyVersion: 1, openedBy: 'chen', openedAt: '2027-01-05' }, { recordedAt: '2027-01-05T02:00:00.000Z' });
  const nominated = event(selection, 'NominationMade', { selectionId: S, memberId: 'wang', by: 'sun', byRole: 'branch-secretary', branchId: 'branch-1', at: '2027-01-06' }, { revision: 1, recordedAt: '2027-01-06T02:00:00.000Z' });
  const decided = event(selection, 'SelectionDecided', { selectionId: S, bureauId: 'weihai', year: 2026, honourId: 'outstanding-member', title: '優秀共產黨員', quota: 2, meeting: { date: '2027-01-08', attendees: ['chen', 'sun'] }, selected: ['wang'], decidedBy: 'chen', decidedAt: '2027-01-08' }, { revision: 2, recordedAt: '2027-01-08T02:00:00.000Z' });
  const announced = event(selection, 'SelectionAnnounced', { selectionId: S, announcedBy: 'chen', announcedAt: '2027-01-20' }, { revision: 3, recordedAt: '2027-01-20T02:00:00.000Z' });
  const learn = (events: typeof opened[]): StreamSubject => events.reduce<StreamSubject | undefined>((known, e) => learnStreamSubject(e, mentionsOf(e.data), known) ?? known, undefined)!;

  it('does not take a selection’s or a work’s stream for a pledge’s', () => {
    expect(pledgeIdOfStream(selection)).toBeUndefined();
    expect(pledgeIdOfStream(`reward-research-work-${S}`)).toBeUndefined();
    expect(pledgeIdOfStream(`pledge-${S}`)).toBe(S);
  });

  it('reads the people a reward names: authors, those selected, a grant’s recipient, and a result as its basis', () => {
    expect(mentionsOf({ workId: 'w', authors: ['wang', 'zhou'], year: 2026 }).memberIds).toEqual(['wang', 'zhou']);
    expect(mentionsOf(decided.data).memberIds).toEqual(['wang']);
    expect(mentionsOf({ recipient: { type: 'member', id: 'wang' }, basis: { type: 'result', id: 'round-2026-H1/wang' }, year: 2026 })).toMatchObject({ memberIds: ['wang'], resultBasis: true });
    expect(mentionsOf({ recipient: { type: 'unit', id: 'branch-1' }, basis: { type: 'activity', id: 'a' } })).toMatchObject({ memberIds: [], branchIds: ['branch-1'] });
    expect(mentionsOf({ recipient: { type: 'unit', id: 'branch-1' }, basis: { type: 'activity', id: 'a' } }).resultBasis).toBeUndefined();
  });

  it('files a selection’s later steps that name nobody under the year and the people of the selection', () => {
    const subject = learn([opened, nominated, decided]);
    expect(subject).toEqual({ stream: selection, bureauId: 'weihai', years: [2026], memberIds: ['wang'], branchIds: ['branch-1'], pledgeIds: [] });
    expect(keysForNewPeople(learn([opened]), subject).sort()).toEqual([subjectKey.branchYear('weihai', 'branch-1', 2026), subjectKey.memberYear('weihai', 'wang', 2026)]);
    expect(keysForNewPeople(subject, subject)).toEqual([]);
    const keys = indexKeys(announced, mentionsOf(announced.data), [], { stream: subject });
    expect(keys).toEqual(expect.arrayContaining([subjectKey.memberYear('weihai', 'wang', 2026), subjectKey.bureauYear('weihai', 2026), subjectKey.branchYear('weihai', 'branch-1', 2026)]));
    expect(keys).not.toContain(subjectKey.bureauYear('weihai', 2027));
    // Without the stream's subject the announcement would fall in the year it was recorded, under nobody.
    expect(indexKeys(announced, mentionsOf(announced.data), [])).toEqual([subjectKey.correlation('corr-1'), subjectKey.bureauYear('weihai', 2027)]);
    // The nominee's year gets the nomination even though it was recorded the next year.
    expect(indexKeys(nominated, mentionsOf(nominated.data), [], { stream: learn([opened]) })).toContain(subjectKey.memberYear('weihai', 'wang', 2026));
  });

  it('files a reward for fulfilment under the member’s books of that year', () => {
    const granted = event('reward-grant-weihai.g1', 'RewardGranted', { grantId: 'g1', bureauId: 'weihai', year: 2026, recipient: { type: 'member', id: 'wang' }, ground: 'fulfilment', basis: { type: 'result', id: 'round-2026-H1/wang' } });
    expect(indexKeys(granted, mentionsOf(granted.data), [], { resultBooks: [P] })).toEqual(expect.arrayContaining([subjectKey.pledge(P), subjectKey.memberYear('weihai', 'wang', 2026)]));
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
