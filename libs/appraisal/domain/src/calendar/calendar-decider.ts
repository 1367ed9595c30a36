import { hasRole, requireBureau, type Actor, type OfficeContext } from '../shared/actor';
import { dayOfWeek, isIsoDate, yearOf } from '../shared/dates';
import { forbidden, invalid } from '../shared/errors';
import { repeated } from '../shared/text';
import type { BureauCalendar } from './working-days';

/** One stream per bureau and year: the year's holidays and make-up working days. */
export type CalendarCommand = {
  type: 'SetCalendarYear';
  actor: Actor;
  bureauId: string;
  year: number;
  holidays: string[];
  makeUpWorkdays: string[];
  context: OfficeContext;
  at: string;
};

export type CalendarEvent = {
  type: 'CalendarYearSet';
  data: { bureauId: string; year: number; holidays: string[]; makeUpWorkdays: string[]; by: string; at: string };
};

export interface CalendarState {
  bureauId: string;
  year: number;
  /** How many times the year was set (0: never, the plain weekday calendar applies). */
  version: number;
  calendar: BureauCalendar;
}

export const initialCalendarState = (): CalendarState => ({ bureauId: '', year: 0, version: 0, calendar: { holidays: [], makeUpWorkdays: [] } });

function validateDays(days: unknown, year: number, field: string): string[] {
  if (!Array.isArray(days)) throw invalid('bad_dates', `${field} is a list of dates`, { field });
  const bad = days.filter((d) => !isIsoDate(d) || yearOf(d) !== year);
  if (bad.length) throw invalid('bad_dates', `${field} holds dates of ${year} only (YYYY-MM-DD): ${bad.join(', ')}`, { field, dates: bad });
  const twice = repeated(days as string[]);
  if (twice.length) throw invalid('repeated_date', `${field} names ${twice.join(', ')} more than once`, { field, dates: twice });
  return [...(days as string[])].sort();
}

export function decideCalendar(command: CalendarCommand, state: CalendarState): CalendarEvent[] {
  requireBureau(command.actor, command.bureauId);
  if (!hasRole(command.actor, 'bureau-admin') && !command.context.officeStaff.includes(command.actor.memberId)) {
    throw forbidden('not_calendar_keeper', 'the bureau admin or the appraisal office keeps the calendar');
  }
  if (!Number.isInteger(command.year) || command.year < 2000 || command.year > 2200) throw invalid('bad_year', 'year must be between 2000 and 2200', { field: 'year' });
  const holidays = validateDays(command.holidays, command.year, 'holidays');
  const makeUpWorkdays = validateDays(command.makeUpWorkdays, command.year, 'makeUpWorkdays');
  const both = holidays.filter((d) => makeUpWorkdays.includes(d));
  if (both.length) throw invalid('holiday_and_workday', `${both.join(', ')} cannot be both a holiday and a make-up working day`, { field: 'makeUpWorkdays', dates: both });
  const weekdays = makeUpWorkdays.filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6);
  if (weekdays.length) throw invalid('make_up_on_weekday', `a make-up working day is a Saturday or Sunday: ${weekdays.join(', ')}`, { field: 'makeUpWorkdays', dates: weekdays });
  const same = state.version > 0 && state.calendar.holidays.join() === holidays.join() && state.calendar.makeUpWorkdays.join() === makeUpWorkdays.join();
  if (same) return [];
  return [{ type: 'CalendarYearSet', data: { bureauId: command.bureauId, year: command.year, holidays, makeUpWorkdays, by: command.actor.memberId, at: command.at } }];
}

export function evolveCalendar(state: CalendarState, event: CalendarEvent): CalendarState {
  const { bureauId, year, holidays, makeUpWorkdays } = event.data;
  return { bureauId, year, version: state.version + 1, calendar: { holidays, makeUpWorkdays } };
}

export const calendarDecider = { decide: decideCalendar, evolve: evolveCalendar, initialState: initialCalendarState };
