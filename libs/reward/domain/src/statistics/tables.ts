import type { Figures } from './figures';
import { Tally } from './figures';
import type { BureauYearRollup } from './ledger';

export interface BureauTables {
  /** The year shown, or null for "since the start" (every year, opening totals included). */
  year: number | null;
  total: Figures;
  branches: Array<{ branchId: string } & Figures>;
  groups: Array<{ groupId: string; branchId?: string } & Figures>;
  /** One row per year in the period (bureau-wide); a person aided in two years is in both rows but once in the total. */
  years: Array<{ year: number } & Figures>;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const inPeriod = (rollups: readonly BureauYearRollup[], year?: number) => rollups.filter((r) => year === undefined || r.year === year).sort((a, b) => a.year - b.year);

/** A bureau's total for the period alone (all a roll-up needs of each bureau): the `total` of its tables. */
export function bureauTotal(rollups: readonly BureauYearRollup[], options: { year?: number; asOf: string }): Figures {
  const total = new Tally(options.asOf);
  for (const rollup of inPeriod(rollups, options.year)) total.add(rollup, undefined, { opening: true });
  return total.figures();
}

/** A bureau's tables from its rollups: the total, its branches, its groups and its years. */
export function bureauTables(rollups: readonly BureauYearRollup[], options: { year?: number; asOf: string }): BureauTables {
  const period = inPeriod(rollups, options.year);
  const total = new Tally(options.asOf);
  const branches = new Set<string>();
  const groups = new Map<string, string | undefined>();
  for (const rollup of period) {
    total.add(rollup, undefined, { opening: true });
    const entries = [...rollup.books, ...rollup.checks, ...rollup.results, ...Object.values(rollup.grants)];
    for (const e of entries) {
      if (e.branchId) branches.add(e.branchId);
      if (e.groupId && !groups.get(e.groupId)) groups.set(e.groupId, e.branchId);
    }
  }
  const tallied = (filter: (e: { branchId?: string; groupId?: string }) => boolean) => period.reduce((t, r) => t.add(r, filter), new Tally(options.asOf)).figures();
  return {
    year: options.year ?? null,
    total: total.figures(),
    branches: [...branches].sort(byId).map((branchId) => ({ branchId, ...tallied((e) => e.branchId === branchId) })),
    groups: [...groups.entries()]
      .sort(([a], [b]) => byId(a, b))
      .map(([groupId, branchId]) => ({ groupId, ...(branchId ? { branchId } : {}), ...tallied((e) => e.groupId === groupId) })),
    years: period.map((r) => ({ year: r.year, ...new Tally(options.asOf).add(r, undefined, { opening: true }).figures() })),
  };
}
