import { invalid } from '../shared/errors';
import { addDays, dayOfWeek } from '../shared/dates';

/**
 * A bureau's calendar: the public holidays and the make-up working days (调休上班, a Saturday or
 * Sunday worked in exchange for a longer holiday) as the State Council publishes them each year.
 * Every other Monday–Friday is a working day (ADR 0042).
 */
export interface BureauCalendar {
  holidays: readonly string[];
  makeUpWorkdays: readonly string[];
}

/** The convention: results stay on notice for five working days (a bureau setting may differ). */
export const DEFAULT_NOTICE_WORKING_DAYS = 5;

export const EMPTY_CALENDAR: BureauCalendar = { holidays: [], makeUpWorkdays: [] };

/** A notice period never needs more than a few weeks; a calendar without working days is a mistake. */
const SEARCH_LIMIT_DAYS = 366;

export function isWorkingDay(date: string, calendar: BureauCalendar): boolean {
  if (calendar.makeUpWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6;
}

/** The first working day on or after `date`. */
export function firstWorkingDayFrom(date: string, calendar: BureauCalendar): string {
  for (let i = 0, d = date; i < SEARCH_LIMIT_DAYS; i += 1, d = addDays(d, 1)) {
    if (isWorkingDay(d, calendar)) return d;
  }
  throw invalid('no_working_day', `the calendar has no working day within a year of ${date}`, { field: 'calendar' });
}

/** The `count`-th working day counting from `date` (itself the first, if it is a working day). */
export function nthWorkingDayFrom(date: string, count: number, calendar: BureauCalendar): string {
  if (!Number.isInteger(count) || count < 1) throw invalid('bad_working_days', 'a count of working days is a whole number of at least 1', { field: 'workingDays' });
  let day = firstWorkingDayFrom(date, calendar);
  for (let n = 1; n < count; n += 1) day = firstWorkingDayFrom(addDays(day, 1), calendar);
  return day;
}

/** Working days from `from` to `to`, both included. */
export function workingDaysBetween(from: string, to: string, calendar: BureauCalendar): number {
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count += 1;
  return count;
}

/** A public notice (公示): posted on a day, running for a number of working days. */
export interface NoticePeriod {
  postedOn: string;
  /** The first working day of the notice: the posting day if it is one, else the next. */
  startsOn: string;
  /** The last working day of the notice; objections are taken until the end of this day. */
  endsOn: string;
  workingDays: number;
}

export function noticePeriod(postedOn: string, workingDays: number, calendar: BureauCalendar): NoticePeriod {
  const startsOn = firstWorkingDayFrom(postedOn, calendar);
  return { postedOn, startsOn, endsOn: nthWorkingDayFrom(startsOn, workingDays, calendar), workingDays };
}

/** Whether the notice is still running on a local date (posting day through its last working day). */
export const isNoticeRunning = (period: NoticePeriod, today: string): boolean => today >= period.postedOn && today <= period.endsOn;
export const isNoticeOver = (period: NoticePeriod, today: string): boolean => today > period.endsOn;

/** Several years' calendars as one (a December notice runs into January). */
export function mergeCalendars(...calendars: readonly BureauCalendar[]): BureauCalendar {
  return {
    holidays: [...new Set(calendars.flatMap((c) => c.holidays))].sort(),
    makeUpWorkdays: [...new Set(calendars.flatMap((c) => c.makeUpWorkdays))].sort(),
  };
}
