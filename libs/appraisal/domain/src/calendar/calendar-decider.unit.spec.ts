import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import { decideCalendar, evolveCalendar, initialCalendarState, type CalendarCommand, type CalendarEvent } from './calendar-decider';

const given = deciderSpec(decideCalendar, evolveCalendar, initialCalendarState);
const AT = '2025-12-20T02:00:00.000Z';
const admin: Actor = { memberId: 'admin-1', bureauId: 'weihai', roles: ['bureau-admin'] };
const sun: Actor = { memberId: 'sun', bureauId: 'weihai', roles: ['member'] };
const set = (extra: Partial<CalendarCommand> = {}): CalendarCommand => ({
  type: 'SetCalendarYear',
  actor: admin,
  bureauId: 'weihai',
  year: 2026,
  holidays: ['2026-01-02', '2026-01-01', '2026-01-03'],
  makeUpWorkdays: ['2026-01-04'],
  context: { officeStaff: ['qian'] },
  at: AT,
  ...extra,
});
const setEvent: CalendarEvent = {
  type: 'CalendarYearSet',
  data: { bureauId: 'weihai', year: 2026, holidays: ['2026-01-01', '2026-01-02', '2026-01-03'], makeUpWorkdays: ['2026-01-04'], by: 'admin-1', at: AT },
};

describe('bureau calendar', () => {
  it('lets the bureau admin set a year’s holidays and make-up days, sorted', () => given([]).when(set()).then([setEvent]));
  it('lets the appraisal office set it too', () => {
    const [event] = decideCalendar(set({ actor: { ...sun, memberId: 'qian' } }), initialCalendarState());
    expect(event?.data.by).toBe('qian');
  });
  it('changes nothing when the same calendar is set again, and records a change', () => {
    given([setEvent]).when(set()).then([]);
    given([setEvent]).when(set({ holidays: ['2026-01-01'] })).then([{ type: 'CalendarYearSet', data: { ...setEvent.data, holidays: ['2026-01-01'] } }]);
  });
  it('refuses other people and other bureaus', () => {
    given([]).when(set({ actor: sun })).thenFails('not_calendar_keeper', 'forbidden');
    given([]).when(set({ actor: { ...admin, bureauId: 'yantai' } })).thenFails('other_bureau', 'forbidden');
  });
  it('refuses dates outside the year, repeated dates, a day both off and worked, and a make-up weekday', () => {
    given([]).when(set({ holidays: ['2025-12-31'] })).thenFails('bad_dates', 'invalid', 'holidays');
    given([]).when(set({ holidays: ['2026-02-30'] })).thenFails('bad_dates', 'invalid', 'holidays');
    given([]).when(set({ holidays: ['2026-01-01', '2026-01-01'] })).thenFails('repeated_date', 'invalid', 'holidays');
    given([]).when(set({ makeUpWorkdays: ['2026-01-04', '2026-01-03'] })).thenFails('holiday_and_workday', 'invalid', 'makeUpWorkdays');
    given([]).when(set({ makeUpWorkdays: ['2026-01-05'] })).thenFails('make_up_on_weekday', 'invalid', 'makeUpWorkdays');
    given([]).when(set({ year: 1999 })).thenFails('bad_year', 'invalid', 'year');
  });
  it('keeps the latest calendar and counts its versions', () => {
    const state = [setEvent, { type: 'CalendarYearSet', data: { ...setEvent.data, holidays: ['2026-01-01'] } } as CalendarEvent].reduce(evolveCalendar, initialCalendarState());
    expect(state).toEqual({ bureauId: 'weihai', year: 2026, version: 2, calendar: { holidays: ['2026-01-01'], makeUpWorkdays: ['2026-01-04'] } });
  });
});
