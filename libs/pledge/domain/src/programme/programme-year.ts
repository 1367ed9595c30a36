import { invalid } from '../errors';

/**
 * The programme's calendar is the bureaus' own: China Standard Time (UTC+8, no daylight saving).
 * A pledge book drafted at 2027-01-01 05:00 in Weihai is a 2027 book, though it is still 2026 in UTC.
 */
const PROGRAMME_UTC_OFFSET_HOURS = 8;

/** The programme year at an ISO instant (the command's time; the decider keeps no clock). */
/** The calendar date (YYYY-MM-DD) of a moment in the programme's time zone (China Standard Time). */
export function programmeDateOf(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw invalid('invalid_time', `not an ISO time: ${at}`, { field: 'at' });
  return new Date(ms + PROGRAMME_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

export function programmeYearOf(at: string): number {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw invalid('invalid_time', `not an ISO time: ${at}`, { field: 'at' });
  return new Date(ms + PROGRAMME_UTC_OFFSET_HOURS * 3_600_000).getUTCFullYear();
}

/** What a bureau's directory records about its programme years. */
export interface ProgrammeYears {
  /** Years the bureau admin opened ahead of time (next year). */
  openedYears: readonly number[];
  /** Past years the bureau admin opened to enter their books late (the year before the current). */
  lateEntryYears: readonly number[];
  closedYears: readonly number[];
}

/**
 * Whether books may be drafted for a year at an instant: the current year; next year once the
 * bureau admin opened it; last year only if it was opened for late entry after it had ended.
 * Never a closed year, never a year further away.
 */
export function isYearOpen(years: ProgrammeYears, year: number, at: string): boolean {
  if (years.closedYears.includes(year)) return false;
  const current = programmeYearOf(at);
  if (year === current) return true;
  if (year === current + 1) return years.openedYears.includes(year);
  if (year === current - 1) return years.lateEntryYears.includes(year);
  return false;
}

/** The years open at an instant, oldest first (for the years resource). */
export function openYearsAt(years: ProgrammeYears, at: string): number[] {
  const current = programmeYearOf(at);
  return [current - 1, current, current + 1].filter((year) => isYearOpen(years, year, at));
}
