import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import { decideOpeningTotals, evolveOpeningTotals, type OpeningFigures, type OpeningTotalsCommand } from './opening';

const AT = '2026-03-01T02:00:00.000Z';
const admin: Actor = { memberId: 'ye', bureauId: 'weihai', roles: ['member', 'bureau-admin'] };
const figures: OpeningFigures = { booksPublished: 30, deedsPledged: 40, deedsDone: 35, peopleAided: 20, amountFen: 800_000, volunteerHours: 120.5, grants: 3, grantsAmountFen: 150_000 };
const set = (extra: Partial<OpeningTotalsCommand> = {}): OpeningTotalsCommand => ({ type: 'SetOpeningTotals', bureauId: 'weihai', year: 2012, figures, actor: admin, at: AT, systemYears: [2025, 2026], ...extra });
const given = deciderSpec(decideOpeningTotals, evolveOpeningTotals, () => ({ years: {} }));
const setEvent = { type: 'OpeningTotalsSet' as const, data: { bureauId: 'weihai', year: 2012, figures, setBy: 'ye', setAt: AT } };

describe('opening totals decider', () => {
  it('records a year’s figures from before the system', () => given([]).when(set()).then([setEvent]));
  it('replaces a year’s figures, and ignores the same again', () => {
    given([setEvent]).when(set()).then([]);
    given([setEvent]).when(set({ figures: { ...figures, peopleAided: 21 } })).then([{ ...setEvent, data: { ...setEvent.data, figures: { ...figures, peopleAided: 21 } } }]);
  });
  it('is for years before the system holds the bureau’s books', () => void given([]).when(set({ year: 2025 })).thenFails('year_in_system', 'invalid', 'year'));
  it('is for past years, also before any book', () => void given([]).when(set({ year: 2026, systemYears: [] })).thenFails('year_not_past', 'invalid', 'year'));
  it('has no more deeds done than pledged', () => void given([]).when(set({ figures: { ...figures, deedsDone: 41 } })).thenFails('done_over_pledged', 'invalid', 'figures/deedsDone'));
  it('takes whole counts', () => void given([]).when(set({ figures: { ...figures, peopleAided: -1 } })).thenFails('invalid_count', 'invalid', 'figures/peopleAided'));
  it('is the bureau admin’s or the leading group’s', () => void given([]).when(set({ actor: { ...admin, roles: ['member'] } })).thenFails('not_allowed', 'forbidden'));
});
