import { localDate } from '../shared/dates';
import { isNoticeOver, isNoticeRunning, isWorkingDay, mergeCalendars, noticePeriod, nthWorkingDayFrom, workingDaysBetween, EMPTY_CALENDAR } from './working-days';

// 国庆节 and 中秋节 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
const nationalDay2025 = {
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
  makeUpWorkdays: ['2025-09-28', '2025-10-11'],
};
// A 春节 week like 2026's: 15–23 February off, Saturdays 14 and 28 February worked.
const springFestival2026 = {
  holidays: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
  makeUpWorkdays: ['2026-02-14', '2026-02-28'],
};
// 元旦 2026: 1–3 January off, Sunday 4 January worked.
const newYear2026 = { holidays: ['2026-01-01', '2026-01-02', '2026-01-03'], makeUpWorkdays: ['2026-01-04'] };

describe('working days', () => {
  it('counts Monday to Friday when no holiday intervenes', () => {
    expect(noticePeriod('2026-06-29', 5, EMPTY_CALENDAR)).toEqual({ postedOn: '2026-06-29', startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 });
    expect(noticePeriod('2026-07-01', 5, EMPTY_CALENDAR).endsOn).toBe('2026-07-07');
  });

  it('skips a holiday week and counts its make-up Sunday (国庆节)', () => {
    // Fri 26 Sep, Sun 28 (make-up), Mon 29, Tue 30, then Thu 9 Oct.
    expect(noticePeriod('2025-09-26', 5, nationalDay2025)).toMatchObject({ startsOn: '2025-09-26', endsOn: '2025-10-09' });
    // Tue 30 Sep, Thu 9, Fri 10, Sat 11 (make-up), Mon 13 Oct.
    expect(noticePeriod('2025-09-30', 5, nationalDay2025).endsOn).toBe('2025-10-13');
  });

  it('starts a notice posted on a holiday or an ordinary weekend on the next working day', () => {
    expect(noticePeriod('2025-10-03', 5, nationalDay2025)).toMatchObject({ postedOn: '2025-10-03', startsOn: '2025-10-09', endsOn: '2025-10-14' });
    // Saturday 27 September is an ordinary weekend day, but Sunday 28 is worked.
    expect(noticePeriod('2025-09-27', 5, nationalDay2025)).toMatchObject({ startsOn: '2025-09-28', endsOn: '2025-10-10' });
  });

  it('counts the make-up Saturdays around 春节', () => {
    expect(isWorkingDay('2026-02-14', springFestival2026)).toBe(true);
    expect(isWorkingDay('2026-02-17', springFestival2026)).toBe(false);
    expect(isWorkingDay('2026-02-21', EMPTY_CALENDAR)).toBe(false);
    // Fri 13, Sat 14 (make-up), Tue 24, Wed 25, Thu 26.
    expect(noticePeriod('2026-02-13', 5, springFestival2026).endsOn).toBe('2026-02-26');
    expect(workingDaysBetween('2026-02-09', '2026-02-28', springFestival2026)).toBe(11);
  });

  it('runs across the year end when the calendars are merged', () => {
    const calendar = mergeCalendars(EMPTY_CALENDAR, newYear2026);
    // Mon 29, Tue 30, Wed 31 Dec, Sun 4 Jan (make-up), Mon 5 Jan.
    expect(noticePeriod('2025-12-29', 5, calendar).endsOn).toBe('2026-01-05');
    expect(noticePeriod('2025-12-29', 5, EMPTY_CALENDAR).endsOn).toBe('2026-01-02');
  });

  it('tells whether a notice is running or over on a local date', () => {
    const period = noticePeriod('2025-09-30', 5, nationalDay2025);
    expect(isNoticeRunning(period, '2025-09-29')).toBe(false);
    expect(isNoticeRunning(period, '2025-10-05')).toBe(true);
    expect(isNoticeRunning(period, '2025-10-13')).toBe(true);
    expect(isNoticeOver(period, '2025-10-13')).toBe(false);
    expect(isNoticeOver(period, '2025-10-14')).toBe(true);
  });

  it('takes the bureau’s local date of an instant (UTC+8), and refuses a bad time', () => {
    expect(localDate('2026-09-30T15:59:59.000Z')).toBe('2026-09-30');
    expect(localDate('2026-09-30T16:00:00.000Z')).toBe('2026-10-01');
    expect(() => localDate('yesterday')).toThrow(expect.objectContaining({ code: 'bad_time' }));
  });

  it('refuses a count below one and a calendar without working days', () => {
    expect(() => nthWorkingDayFrom('2026-01-05', 0, EMPTY_CALENDAR)).toThrow('whole number');
    const allHolidays = { holidays: Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)), makeUpWorkdays: [] };
    expect(() => noticePeriod('2026-01-01', 5, allHolidays)).toThrow('no working day');
  });
});
