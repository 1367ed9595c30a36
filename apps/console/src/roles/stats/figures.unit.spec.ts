import { chartSeries, percent, rowsOf, type Figures, type RollUp, type Tables } from './figures';

const zero: Figures = {
  booksInReview: 0,
  booksPublished: 0,
  deedsPledged: 0,
  deedsDone: 0,
  fulfilmentRate: null,
  peopleAided: 0,
  amountFen: 0,
  volunteerHours: 0,
  records: 0,
  checksRecorded: 0,
  checksExpected: 0,
  checkCompliance: null,
  checkedItems: 0,
  itemsDoneOrOnTrack: 0,
  onTrackRate: null,
  grades: { excellent: 0, qualified: 0, 'basically-qualified': 0, unqualified: 0 },
  grants: 0,
  grantsAmountFen: 0,
  withOpeningTotals: false,
};
const f = (pledged: number, done: number): Figures => ({ ...zero, deedsPledged: pledged, deedsDone: done, fulfilmentRate: pledged ? done / pledged : null });

const tables: Tables = {
  bureau: { bureauId: 'weihai', name: '威海市统计局' },
  asOf: '2026-03-05T06:30:00.000Z',
  year: 2026,
  total: f(6, 5),
  branches: [{ branchId: 'branch-1', name: '机关第一党支部', ...f(6, 5) }],
  groups: [{ groupId: 'group-1', branchId: 'branch-1', name: '综合党小组', ...f(6, 5) }],
  years: [{ year: 2026, ...f(6, 5) }],
};
const rollUp: RollUp = {
  bureau: { bureauId: 'shandong', name: '山东省统计局' },
  asOf: tables.asOf,
  year: 2026,
  rows: [
    { bureauId: 'shandong', name: '山东省统计局', scope: 'own', ...f(0, 0) },
    { bureauId: 'weihai', name: '威海市统计局', scope: 'with-descendants', ...f(6, 5) },
  ],
  sum: f(6, 5),
};

describe('rowsOf', () => {
  it('names each table’s rows by their scope', () => {
    expect(rowsOf('total', tables, undefined, '（本级）', '合计').map((r) => [r.key, r.scope])).toEqual([['total', '威海市统计局']]);
    expect(rowsOf('branches', tables, undefined, '', '').map((r) => [r.key, r.scope, r.deedsDone])).toEqual([['branch-1', '机关第一党支部', 5]]);
    expect(rowsOf('groups', tables, undefined, '', '')[0]).not.toHaveProperty('branchId');
    expect(rowsOf('years', tables, undefined, '', '').map((r) => r.scope)).toEqual(['2026']);
  });

  it('marks the bureau’s own figures in the roll-up and ends with the sum', () => {
    expect(rowsOf('roll-up', undefined, rollUp, '（本级）', '合计').map((r) => [r.key, r.scope])).toEqual([
      ['shandong', '山东省统计局（本级）'],
      ['weihai', '威海市统计局'],
      ['__sum', '合计'],
    ]);
  });

  it('is empty before the figures have loaded', () => {
    expect(rowsOf('branches', undefined, undefined, '', '')).toEqual([]);
    expect(rowsOf('roll-up', tables, undefined, '', '')).toEqual([]);
  });
});

describe('percent', () => {
  it('shows a rate with one decimal, and nothing to rate as a dash', () => {
    expect(percent(5 / 6)).toBe('83.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
  });
});

describe('chartSeries', () => {
  it('draws pledged and done deeds with the rate in percent, leaving the sum out', () => {
    expect(chartSeries(rowsOf('roll-up', undefined, rollUp, '（本级）', '合计'))).toEqual({
      categories: ['山东省统计局（本级）', '威海市统计局'],
      pledged: [0, 6],
      done: [0, 5],
      rate: [null, 83.3],
    });
  });
});
