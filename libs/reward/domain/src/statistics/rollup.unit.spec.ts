import type { StatisticsFact } from './facts';
import { applyStatisticsFact, bookFigures, InMemoryStatisticsParts } from './ledger';
import { addBookToPlace, emptyRollup, putCheck, putResult, type BureauYearRollup } from './rollup';
import { bureauTables, bureauTotal } from './tables';

const AS_OF = '2026-08-15T02:00:00.000Z';

/** A small deterministic generator, so the mixed facts below are the same every run. */
function generator(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((s / 2_147_483_648) * n); // the high bits: the low ones of this generator repeat
  };
}

/** Books submitted, revised, moved, published, withdrawn and closed, with records and corrections among them. */
function mixedFacts(seed: number): StatisticsFact[] {
  const pick = generator(seed);
  const facts: StatisticsFact[] = [
    { kind: 'unit', bureauId: 'weihai', orgUnitId: 'branch-1', type: 'party-branch' },
    { kind: 'unit', bureauId: 'weihai', orgUnitId: 'group-1', type: 'party-group', parentId: 'branch-1' },
    { kind: 'unit', bureauId: 'weihai', orgUnitId: 'group-2', type: 'party-group', parentId: 'branch-1' },
    { kind: 'unit', bureauId: 'weihai', orgUnitId: 'group-3', type: 'party-group', parentId: 'branch-2' },
  ];
  const recordIds: Record<string, string[]> = {};
  let n = 0;
  for (let step = 0; step < 400; step++) {
    const pledgeId = `p${pick(12)}`;
    const group = `group-${1 + pick(3)}`;
    const branch = group === 'group-3' ? 'branch-2' : 'branch-1';
    switch (pick(10)) {
      case 0:
        facts.push({ kind: 'book-submitted', bureauId: 'weihai', pledgeId, year: 2026, branchId: branch, groupId: group, deedItems: pick(2) ? [2, 3] : [3] });
        break;
      case 1:
        facts.push({ kind: 'book-published', pledgeId });
        break;
      case 2:
        facts.push(pick(4) ? { kind: 'book-revised', pledgeId, deedItems: [1 + pick(3), 3] } : { kind: pick(2) ? 'book-withdrawn' : 'book-closed', pledgeId });
        break;
      default: {
        const earlier = recordIds[pledgeId] ?? [];
        const recordId = `r${n++}`;
        const corrects = earlier.length > 0 && pick(4) === 0 ? earlier[pick(earlier.length)] : undefined;
        facts.push({
          kind: 'progress',
          pledgeId,
          record: {
            recordId,
            itemNo: 1 + pick(3),
            recordedOn: `2026-0${1 + pick(8)}-10`,
            ...(pick(3) ? { peopleAided: pick(4) } : {}),
            ...(pick(2) ? { amountFen: pick(5) * 1_000 } : {}),
            ...(pick(3) === 0 ? { volunteerHours: pick(6) / 2 } : {}),
            ...(pick(2) ? { beneficiaryRef: `ref-${pick(6)}` } : {}),
            ...(corrects ? { corrects } : {}),
          },
        });
        recordIds[pledgeId] = [...earlier, recordId];
      }
    }
  }
  return facts;
}

describe('statistics rollup: books added up per place', () => {
  it.each([1, 7, 42, 2026])('gives the figures of its books counted afresh, whatever came and went (seed %i)', (seed) => {
    const parts = new InMemoryStatisticsParts();
    for (const fact of mixedFacts(seed)) applyStatisticsFact(parts, fact);
    const folded = parts.rollups.get('weihai/2026')!;
    // Every counting book carries the figures a full count of its records gives…
    const fresh: BureauYearRollup = { ...emptyRollup('weihai', 2026), checks: folded.checks, results: folded.results, grants: folded.grants };
    for (const book of parts.books.values()) {
      if (book.status === 'withdrawn') continue;
      const counts = book.status === 'published' || book.status === 'closed';
      expect(book.figures).toEqual(counts ? bookFigures(book, parts.recordsOf(book.pledgeId)) : undefined);
      addBookToPlace(fresh, { branchId: book.branchId, groupId: book.groupId }, book.figures, 1);
    }
    // …and the places, changed a fact at a time, hold what adding up those books gives.
    expect(bureauTables([folded], { year: 2026, asOf: AS_OF })).toEqual(bureauTables([fresh], { year: 2026, asOf: AS_OF }));
    expect(bureauTotal([folded], { year: 2026, asOf: AS_OF })).toEqual(bureauTables([fresh], { year: 2026, asOf: AS_OF }).total);
    expect(folded.books.every((p) => p.booksInReview + p.booksPublished > 0)).toBe(true);
  });

  it('takes a withdrawn book’s beneficiary away, the person still counted through another book', () => {
    const rollup = emptyRollup('weihai', 2026);
    const figures = (people: number) => ({ deedsPledged: 1, deedsDone: 1, records: 1, amountFen: 100, volunteerHours: 1.5, unnamedPeople: 0, beneficiaries: { 'ref-1': people }, itemsWithRecords: [3] });
    const place = { branchId: 'branch-1', groupId: 'group-1' };
    addBookToPlace(rollup, place, figures(1), 1);
    addBookToPlace(rollup, place, figures(3), 1);
    addBookToPlace(rollup, place, undefined, 1);
    expect(bureauTotal([rollup], { asOf: AS_OF })).toMatchObject({ booksPublished: 2, booksInReview: 1, peopleAided: 3, amountFen: 200 });
    addBookToPlace(rollup, place, figures(3), -1);
    expect(bureauTotal([rollup], { asOf: AS_OF })).toMatchObject({ booksPublished: 1, booksInReview: 1, peopleAided: 1, amountFen: 100, volunteerHours: 1.5 });
    addBookToPlace(rollup, place, figures(1), -1);
    addBookToPlace(rollup, place, undefined, -1);
    expect(rollup.books).toEqual([]);
  });
});

describe('statistics rollup: checks and results without repeated fields', () => {
  it('keeps one check per group and month, the latest replacing one placed elsewhere', () => {
    const rollup = emptyRollup('weihai', 2026);
    putCheck(rollup, 'group-1', undefined, '03', [10, 1, 1, 8, 0]);
    putCheck(rollup, 'group-1', 'branch-1', '04', [10, 2, 2, 6, 0]);
    putCheck(rollup, 'group-1', 'branch-1', '03', [10, 5, 0, 5, 0]);
    expect(rollup.checks).toEqual([{ groupId: 'group-1', branchId: 'branch-1', months: { '04': [10, 2, 2, 6, 0], '03': [10, 5, 0, 5, 0] } }]);
  });

  it('keeps one result per member and half, a later one replacing the earlier where the member now sits', () => {
    const rollup = emptyRollup('weihai', 2026);
    putResult(rollup, 'wang|H1', { branchId: 'branch-1', groupId: 'group-1' }, 'qualified');
    putResult(rollup, 'wang|H2', { branchId: 'branch-1', groupId: 'group-1' }, 'excellent');
    putResult(rollup, 'wang|H1', { branchId: 'branch-2', groupId: 'group-3' }, 'excellent');
    expect(rollup.results).toEqual([
      { branchId: 'branch-1', groupId: 'group-1', grades: { 'wang|H2': 'excellent' } },
      { branchId: 'branch-2', groupId: 'group-3', grades: { 'wang|H1': 'excellent' } },
    ]);
    const tables = bureauTables([rollup], { year: 2026, asOf: AS_OF });
    expect(tables.total.grades).toMatchObject({ excellent: 2, qualified: 0 });
    expect(tables.branches.map((b) => [b.branchId, b.grades.excellent])).toEqual([
      ['branch-1', 1],
      ['branch-2', 1],
    ]);
  });
});
