import { invalid } from './errors';

export type Quarter = 1 | 2 | 3 | 4;
export const HALVES = ['H1', 'H2'] as const;
export type Half = (typeof HALVES)[number];

/**
 * Bureaus keep China Standard Time (UTC+08:00, no daylight saving): "today", "this month" and the
 * notice's working days are local dates, not UTC dates (ADR 0042).
 */
export const BUREAU_UTC_OFFSET_MINUTES = 8 * 60;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

export const isYearMonth = (value: unknown): value is string => typeof value === 'string' && YEAR_MONTH.test(value);

/** The bureau's local date of an instant. */
export function localDate(at: string): string {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw invalid('bad_time', `${at} is not an ISO 8601 time`, { field: 'at' });
  return new Date(t + BUREAU_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

export function requireDate(value: unknown, field: string): asserts value is string {
  if (!isIsoDate(value)) throw invalid('bad_date', `${field} must be a date (YYYY-MM-DD)`, { field });
}

export const monthOf = (date: string): string => date.slice(0, 7);
export const yearOf = (dateOrMonth: string): number => Number(dateOrMonth.slice(0, 4));
export const quarterOfMonth = (yearMonth: string): Quarter => Math.ceil(Number(yearMonth.slice(5, 7)) / 3) as Quarter;
export const halfOfQuarter = (quarter: Quarter): Half => (quarter <= 2 ? 'H1' : 'H2');
export const quartersOfHalf = (half: Half): Quarter[] => (half === 'H1' ? [1, 2] : [3, 4]);

const pad = (n: number) => String(n).padStart(2, '0');

export const monthsOfQuarter = (year: number, quarter: Quarter): string[] => [0, 1, 2].map((i) => `${year}-${pad((quarter - 1) * 3 + 1 + i)}`);
export const monthsOfHalf = (year: number, half: Half): string[] => quartersOfHalf(half).flatMap((q) => monthsOfQuarter(year, q));
export const firstDayOfQuarter = (year: number, quarter: Quarter): string => `${year}-${pad((quarter - 1) * 3 + 1)}-01`;
export const firstDayOfHalf = (year: number, half: Half): string => (half === 'H1' ? `${year}-01-01` : `${year}-07-01`);
export const lastDayOfHalf = (year: number, half: Half): string => (half === 'H1' ? `${year}-06-30` : `${year}-12-31`);

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

export const isQuarter = (value: unknown): value is Quarter => value === 1 || value === 2 || value === 3 || value === 4;
export const isHalf = (value: unknown): value is Half => value === 'H1' || value === 'H2';
