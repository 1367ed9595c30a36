// The statistics as the reward service answers them, and how the console shows them
// (framework-free, unit-tested).

export interface Figures {
  booksInReview: number;
  booksPublished: number;
  deedsPledged: number;
  deedsDone: number;
  fulfilmentRate: number | null;
  peopleAided: number;
  amountFen: number;
  volunteerHours: number;
  records: number;
  checksRecorded: number;
  checksExpected: number;
  checkCompliance: number | null;
  checkedItems: number;
  itemsDoneOrOnTrack: number;
  onTrackRate: number | null;
  grades: Record<'excellent' | 'qualified' | 'basically-qualified' | 'unqualified', number>;
  grants: number;
  grantsAmountFen: number;
  withOpeningTotals: boolean;
}

export interface Tables {
  bureau: { bureauId: string; name: string };
  asOf: string;
  year: number | null;
  total: Figures;
  branches: Array<{ branchId: string; name: string } & Figures>;
  groups: Array<{ groupId: string; branchId?: string; name: string } & Figures>;
  years: Array<{ year: number } & Figures>;
}

export interface RollUp {
  bureau: { bureauId: string; name: string };
  asOf: string;
  year: number | null;
  rows: Array<{ bureauId: string; name: string; scope: 'own' | 'with-descendants' } & Figures>;
  sum: Figures;
}

/** The tables the service exports (CSV `table=`), in the order the page shows them. */
export const TABLES = ['branches', 'groups', 'years', 'roll-up'] as const;
export type TableName = (typeof TABLES)[number] | 'total';

/** A row as the page shows it: its scope's name and its figures. */
export interface Row extends Figures {
  key: string;
  scope: string;
}

/** The rows of one table, each named (a bureau's own figures marked as such in the roll-up). */
export function rowsOf(table: TableName, tables: Tables | undefined, rollUp: RollUp | undefined, own: string, sum: string): Row[] {
  if (table === 'total') return tables ? [{ key: 'total', scope: tables.bureau.name, ...tables.total }] : [];
  if (table === 'branches') return (tables?.branches ?? []).map(({ branchId, name, ...f }) => ({ key: branchId, scope: name, ...f }));
  if (table === 'groups') return (tables?.groups ?? []).map(({ groupId, name, branchId: _b, ...f }) => ({ key: groupId, scope: name, ...f }));
  if (table === 'years') return (tables?.years ?? []).map(({ year, ...f }) => ({ key: String(year), scope: String(year), ...f }));
  if (!rollUp) return [];
  return [...rollUp.rows.map(({ bureauId, name, scope, ...f }) => ({ key: bureauId, scope: scope === 'own' ? `${name}${own}` : name, ...f })), { key: '__sum', scope: sum, ...rollUp.sum }];
}

/** A rate (0.8333) as a percentage with one decimal ("83.3%"); a rate with nothing under it is "—". */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** What a chart draws for the rows: deeds pledged and done as bars, the fulfilment rate (in %) as a line. */
export function chartSeries(rows: readonly Row[]): { categories: string[]; pledged: number[]; done: number[]; rate: Array<number | null> } {
  const shown = rows.filter((r) => r.key !== '__sum');
  return {
    categories: shown.map((r) => r.scope),
    pledged: shown.map((r) => r.deedsPledged),
    done: shown.map((r) => r.deedsDone),
    rate: shown.map((r) => (r.fulfilmentRate === null ? null : Math.round(r.fulfilmentRate * 1000) / 10)),
  };
}
