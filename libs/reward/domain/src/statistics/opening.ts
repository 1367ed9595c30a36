import { forbidden, invalid } from '@pledgebook/util';
import { hasRole, type Actor } from '../shared/actor';
import { localDate, optionalText, requireFen } from '../shared/values';

/** A year's figures from before the bureau used the system (its own records), bureau-wide. */
export interface OpeningFigures {
  booksPublished: number;
  deedsPledged: number;
  deedsDone: number;
  peopleAided: number;
  amountFen: number;
  volunteerHours: number;
  grants: number;
  grantsAmountFen: number;
}

export interface OpeningTotalsState {
  bureauId?: string;
  years: Record<string, OpeningFigures & { note?: string; setBy: string; setAt: string }>;
}

export type OpeningTotalsCommand = {
  type: 'SetOpeningTotals';
  bureauId: string;
  year: number;
  figures: OpeningFigures;
  note?: string;
  actor: Actor;
  at: string;
  /** Years for which the system holds the bureau's pledge books. */
  systemYears: number[];
};

export type OpeningTotalsEvent = { type: 'OpeningTotalsSet'; data: { bureauId: string; year: number; figures: OpeningFigures; note?: string; setBy: string; setAt: string } };

const COUNTS = ['booksPublished', 'deedsPledged', 'deedsDone', 'peopleAided', 'grants'] as const;

export function decideOpeningTotals(command: OpeningTotalsCommand, state: OpeningTotalsState): OpeningTotalsEvent[] {
  if (!hasRole(command.actor, 'bureau-admin', 'leading-group')) throw forbidden('not_allowed', 'the bureau admin or the leading group records opening totals');
  const firstSystemYear = Math.min(...command.systemYears);
  if (command.year >= firstSystemYear) throw invalid('year_in_system', `the system holds the bureau’s books from ${firstSystemYear}: opening totals are for the years before`, { field: 'year' });
  if (command.year >= Number(localDate(command.at).slice(0, 4))) throw invalid('year_not_past', 'opening totals are for past years', { field: 'year' });
  const f = command.figures;
  for (const name of COUNTS) {
    if (!Number.isInteger(f[name]) || f[name] < 0 || f[name] > 10_000_000) throw invalid('invalid_count', `${name} must be a whole number, 0 or more`, { field: `figures/${name}` });
  }
  requireFen(f.amountFen, 'figures/amountFen');
  requireFen(f.grantsAmountFen, 'figures/grantsAmountFen');
  if (!(f.volunteerHours >= 0 && f.volunteerHours <= 10_000_000)) throw invalid('invalid_hours', 'volunteer hours must be 0 or more', { field: 'figures/volunteerHours' });
  if (f.deedsDone > f.deedsPledged) throw invalid('done_over_pledged', 'more deeds done than pledged', { field: 'figures/deedsDone' });
  const note = optionalText(command.note, 'note', 1000);
  const figures: OpeningFigures = {
    booksPublished: f.booksPublished,
    deedsPledged: f.deedsPledged,
    deedsDone: f.deedsDone,
    peopleAided: f.peopleAided,
    amountFen: f.amountFen,
    volunteerHours: f.volunteerHours,
    grants: f.grants,
    grantsAmountFen: f.grantsAmountFen,
  };
  const current = state.years[String(command.year)];
  if (current && COUNTS.every((k) => current[k] === figures[k]) && current.amountFen === figures.amountFen && current.volunteerHours === figures.volunteerHours && current.grantsAmountFen === figures.grantsAmountFen && current.note === note) return [];
  return [{ type: 'OpeningTotalsSet', data: { bureauId: command.bureauId, year: command.year, figures, ...(note ? { note } : {}), setBy: command.actor.memberId, setAt: command.at } }];
}

export function evolveOpeningTotals(state: OpeningTotalsState, event: OpeningTotalsEvent): OpeningTotalsState {
  const { bureauId, year, figures, note, setBy, setAt } = event.data;
  return { bureauId, years: { ...state.years, [String(year)]: { ...figures, ...(note ? { note } : {}), setBy, setAt } } };
}

export const openingTotalsDecider = {
  decide: decideOpeningTotals,
  evolve: evolveOpeningTotals,
  initialState: (): OpeningTotalsState => ({ years: {} }),
};
