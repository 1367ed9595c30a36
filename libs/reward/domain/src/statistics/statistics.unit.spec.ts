import type { StatisticsFact } from './facts';
import { monthsDue, sumFigures } from './figures';
import { applyStatisticsFact, bookFigures, InMemoryStatisticsParts } from './ledger';
import { bureauTables } from './tables';

const AS_OF = '2026-12-31T10:00:00.000Z';
let seq = 0;
const rec = (pledgeId: string, fields: Record<string, unknown> = {}): StatisticsFact => ({ kind: 'progress', pledgeId, record: { recordId: `r${++seq}`, itemNo: 3, recordedOn: '2026-05-01', ...fields } });
const directory: StatisticsFact[] = [
  { kind: 'unit', bureauId: 'weihai', orgUnitId: 'branch-1', type: 'party-branch' },
  { kind: 'unit', bureauId: 'weihai', orgUnitId: 'group-1', type: 'party-group', parentId: 'branch-1' },
  { kind: 'unit', bureauId: 'weihai', orgUnitId: 'group-2', type: 'party-group', parentId: 'branch-1' },
  { kind: 'unit', bureauId: 'weihai', orgUnitId: 'branch-2', type: 'party-branch' },
  { kind: 'unit', bureauId: 'weihai', orgUnitId: 'group-4', type: 'party-group', parentId: 'branch-2' },
  { kind: 'member', bureauId: 'weihai', memberId: 'wang', groupId: 'group-1' },
  { kind: 'member', bureauId: 'weihai', memberId: 'li', groupId: 'group-2' },
  { kind: 'member', bureauId: 'weihai', memberId: 'peng', groupId: 'group-4', branchId: 'branch-2' },
];
const book = (pledgeId: string, groupId: string, branchId: string, year = 2026): StatisticsFact[] => [
  { kind: 'book-submitted', bureauId: 'weihai', pledgeId, year, branchId, groupId, deedItems: [3] },
  { kind: 'book-published', pledgeId },
];

function fold(facts: StatisticsFact[]) {
  const parts = new InMemoryStatisticsParts();
  for (const f of facts) applyStatisticsFact(parts, f);
  return [...parts.rollups.values()];
}

describe('statistics: what counts', () => {
  it('counts deeds pledged and done, people, amounts and hours of published books', () => {
    const rollups = fold([...directory, ...book('p1', 'group-1', 'branch-1'), rec('p1', { peopleAided: 1, amountFen: 50_000, beneficiaryRef: 'student-07' }), rec('p1', { volunteerHours: 4, peopleAided: 40 })]);
    const { total } = bureauTables(rollups, { year: 2026, asOf: AS_OF });
    expect(total).toMatchObject({ booksPublished: 1, deedsPledged: 1, deedsDone: 1, fulfilmentRate: 1, peopleAided: 41, amountFen: 50_000, volunteerHours: 4, records: 2 });
  });

  it('does not count a withdrawn book, and counts a book under review only as such', () => {
    const rollups = fold([
      ...directory,
      { kind: 'book-submitted', bureauId: 'weihai', pledgeId: 'p1', year: 2026, branchId: 'branch-1', groupId: 'group-1', deedItems: [3] },
      { kind: 'book-submitted', bureauId: 'weihai', pledgeId: 'p2', year: 2026, branchId: 'branch-1', groupId: 'group-1', deedItems: [3] },
      { kind: 'book-withdrawn', pledgeId: 'p2' },
    ]);
    expect(bureauTables(rollups, { year: 2026, asOf: AS_OF }).total).toMatchObject({ booksInReview: 1, booksPublished: 0, deedsPledged: 0 });
  });

  it('counts a corrected record once, and a beneficiary aided through two books once', () => {
    const rollups = fold([
      ...directory,
      ...book('p1', 'group-1', 'branch-1'),
      ...book('p2', 'group-2', 'branch-1'),
      { kind: 'progress', pledgeId: 'p1', record: { recordId: 'a', itemNo: 3, recordedOn: '2026-04-01', peopleAided: 1, amountFen: 100_000, beneficiaryRef: 'student-07' } },
      { kind: 'progress', pledgeId: 'p1', record: { recordId: 'b', itemNo: 3, recordedOn: '2026-04-01', peopleAided: 1, amountFen: 120_000, beneficiaryRef: 'student-07', corrects: 'a' } },
      // A redelivered fact is the same record: counted once.
      { kind: 'progress', pledgeId: 'p1', record: { recordId: 'b', itemNo: 3, recordedOn: '2026-04-01', peopleAided: 1, amountFen: 120_000, beneficiaryRef: 'student-07', corrects: 'a' } },
      rec('p2', { peopleAided: 1, amountFen: 30_000, beneficiaryRef: 'student-07' }),
    ]);
    const tables = bureauTables(rollups, { year: 2026, asOf: AS_OF });
    expect(tables.total).toMatchObject({ amountFen: 150_000, records: 2, peopleAided: 1 });
    expect(tables.branches).toEqual([expect.objectContaining({ branchId: 'branch-1', peopleAided: 1, amountFen: 150_000 })]);
    expect(tables.groups.map((g) => [g.groupId, g.branchId, g.peopleAided, g.amountFen])).toEqual([
      ['group-1', 'branch-1', 1, 120_000],
      ['group-2', 'branch-1', 1, 30_000],
    ]);
  });

  it('takes a revised book’s deed items and keeps published books published on resubmission facts', () => {
    const rollups = fold([
      ...directory,
      { kind: 'book-submitted', bureauId: 'weihai', pledgeId: 'p1', year: 2026, branchId: 'branch-1', groupId: 'group-1', deedItems: [3] },
      { kind: 'book-revised', pledgeId: 'p1', deedItems: [3, 4] },
      { kind: 'book-published', pledgeId: 'p1' },
      rec('p1', { itemNo: 4 }),
      { kind: 'book-closed', pledgeId: 'p1' },
    ]);
    expect(bureauTables(rollups, { year: 2026, asOf: AS_OF }).total).toMatchObject({ booksPublished: 1, deedsPledged: 2, deedsDone: 1, fulfilmentRate: 0.5 });
  });

  it('adds original records one by one to the same figures a full count gives, corrections counted again', () => {
    const parts = new InMemoryStatisticsParts();
    for (const f of [...directory, ...book('p1', 'group-1', 'branch-1')]) applyStatisticsFact(parts, f);
    const lines = Array.from({ length: 30 }, (_, i) => ({
      recordId: `x${i}`,
      itemNo: 1 + (i % 4),
      recordedOn: '2026-06-01',
      ...(i % 3 ? { peopleAided: i % 5 } : {}),
      ...(i % 2 ? { amountFen: i * 100 } : {}),
      ...(i % 4 === 1 ? { volunteerHours: 1.5 } : {}),
      ...(i % 5 < 2 ? { beneficiaryRef: `ref-${i % 7}` } : {}),
      ...(i % 6 === 5 ? { corrects: `x${i - 3}` } : {}),
    }));
    for (const line of lines) applyStatisticsFact(parts, { kind: 'progress', pledgeId: 'p1', record: line });
    const counted = parts.books.get('p1')!.figures;
    expect(counted).toEqual(bookFigures(parts.books.get('p1')!, lines));
    expect(counted!.records).toBeLessThan(30);
  });

  it('ignores records of a book it never saw submitted', () => {
    expect(fold([rec('ghost', { amountFen: 5 })])).toEqual([]);
  });
});

describe('statistics: checks, grades and rewards', () => {
  it('measures check compliance over groups with published books, the latest check of a month counting', () => {
    const check = (groupId: string, month: string, done: number, onTrack = 0): StatisticsFact => ({ kind: 'check', bureauId: 'weihai', groupId, month, items: 10, done, onTrack, behind: 10 - done - onTrack, notStarted: 0 });
    const rollups = fold([...directory, ...book('p1', 'group-1', 'branch-1'), check('group-1', '2026-01', 2), check('group-1', '2026-01', 5, 3), check('group-1', '2026-02', 6), check('group-2', '2026-02', 1)]);
    const tables = bureauTables(rollups, { year: 2026, asOf: '2026-03-15T02:00:00.000Z' });
    // group-1 owes January to March (3 checks) and held 2; group-2 has no published book.
    expect(tables.total).toMatchObject({ checksExpected: 3, checksRecorded: 2, checkCompliance: 0.6667, checkedItems: 30, itemsDoneOrOnTrack: 15, onTrackRate: 0.5 });
    expect(tables.groups.find((g) => g.groupId === 'group-2')).toMatchObject({ branchId: 'branch-1', checksExpected: 0, checkedItems: 10 });
    expect(bureauTables(rollups, { year: 2026, asOf: '2027-02-01T00:00:00.000Z' }).total.checksExpected).toBe(12);
  });

  it('counts final results by grade where the member sat, and grants (revoked ones not)', () => {
    const rollups = fold([
      ...directory,
      { kind: 'result', bureauId: 'weihai', year: 2026, half: 'H1', memberId: 'wang', grade: 'excellent' },
      { kind: 'result', bureauId: 'weihai', year: 2026, half: 'H2', memberId: 'wang', grade: 'excellent' },
      { kind: 'result', bureauId: 'weihai', year: 2026, half: 'H2', memberId: 'peng', grade: 'qualified' },
      { kind: 'grant', bureauId: 'weihai', grantId: 'g1', year: 2026, recipient: { type: 'member', id: 'wang' }, amountFen: 100_000 },
      { kind: 'grant', bureauId: 'weihai', grantId: 'g2', year: 2026, recipient: { type: 'member', id: 'peng' }, amountFen: 20_000 },
      { kind: 'grant', bureauId: 'weihai', grantId: 'g3', year: 2026, recipient: { type: 'unit', id: 'group-4' }, amountFen: 0 },
      { kind: 'grant-revoked', bureauId: 'weihai', grantId: 'g2', year: 2026 },
    ]);
    const tables = bureauTables(rollups, { year: 2026, asOf: AS_OF });
    expect(tables.total).toMatchObject({ grades: { excellent: 2, qualified: 1, 'basically-qualified': 0, unqualified: 0 }, grants: 2, grantsAmountFen: 100_000 });
    expect(tables.branches.map((b) => [b.branchId, b.grades.excellent, b.grades.qualified, b.grants])).toEqual([
      ['branch-1', 2, 0, 1],
      ['branch-2', 0, 1, 1],
    ]);
  });
});

describe('statistics: since the start, opening totals and roll-up', () => {
  const facts: StatisticsFact[] = [
    ...directory,
    { kind: 'opening', bureauId: 'weihai', year: 2024, figures: { booksPublished: 30, deedsPledged: 40, deedsDone: 35, peopleAided: 20, amountFen: 800_000, volunteerHours: 100, grants: 3, grantsAmountFen: 150_000 } },
    ...book('p0', 'group-1', 'branch-1', 2025),
    rec('p0', { peopleAided: 1, amountFen: 50_000, beneficiaryRef: 'student-07' }),
    ...book('p1', 'group-1', 'branch-1', 2026),
    rec('p1', { peopleAided: 1, amountFen: 50_000, beneficiaryRef: 'student-07' }),
  ];

  it('adds the years before the system, and counts a person aided in two years once since the start', () => {
    const tables = bureauTables(fold(facts), { asOf: AS_OF });
    expect(tables.year).toBeNull();
    expect(tables.years.map((y) => [y.year, y.deedsPledged, y.peopleAided, y.withOpeningTotals])).toEqual([
      [2024, 40, 20, true],
      [2025, 1, 1, false],
      [2026, 1, 1, false],
    ]);
    expect(tables.total).toMatchObject({ booksPublished: 32, deedsPledged: 42, deedsDone: 37, peopleAided: 21, amountFen: 900_000, grants: 3, withOpeningTotals: true });
    // Opening totals are bureau-wide: branches and groups show the system's own figures.
    expect(tables.branches[0]).toMatchObject({ branchId: 'branch-1', deedsPledged: 2, peopleAided: 1, withOpeningTotals: false });
  });

  it('a year’s tables hold that year only', () => {
    expect(bureauTables(fold(facts), { year: 2025, asOf: AS_OF }).total).toMatchObject({ deedsPledged: 1, amountFen: 50_000 });
  });

  it('sums bureaus, recomputing the rates', () => {
    const a = bureauTables(fold(facts), { year: 2026, asOf: AS_OF }).total;
    const b = { ...a, deedsPledged: 3, deedsDone: 0, peopleAided: 5 };
    expect(sumFigures([a, b])).toMatchObject({ deedsPledged: 4, deedsDone: 1, fulfilmentRate: 0.25, peopleAided: 6, amountFen: 100_000 });
  });

  it('owes a month of checks per group for each month due', () => {
    expect(monthsDue(2025, AS_OF)).toBe(12);
    expect(monthsDue(2026, '2026-06-30T17:00:00.000Z')).toBe(7); // already 1 July in China Standard Time
    expect(monthsDue(2027, AS_OF)).toBe(0);
  });
});
