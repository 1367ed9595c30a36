import { MonthlyCheckRecorded, parseEventData, ResultFinalized } from '@pledgebook/contracts';

/**
 * Typed reads of the pledge topic's fields (its contracts are JSON Schemas, validated when the
 * consumer took the events in): a field of the wrong type reads as absent, never cast.
 */
export type Data = Record<string, unknown>;
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});

/** The short name of a pledge or appraisal event type: `pledgebook.pledge.member-added.v1` → `member-added`. */
export const eventName = (type: string) => type.replace(/^pledgebook\.[a-z]+\./, '').replace(/\.v\d+$/, '');

/** The deed items' numbers of a submitted or revised book. */
export const deedItemsOf = (items: unknown) =>
  list(items)
    .map(obj)
    .filter((i) => i.kind === 'deed')
    .map((i) => num(i.no))
    .filter((n): n is number => n !== undefined);

/** Appraisal facts have zod contracts: parsed by them (the one place their data is typed). */
export const resultFinalized = (data: unknown) => parseEventData(ResultFinalized, data);
export const monthlyCheckRecorded = (data: unknown) => parseEventData(MonthlyCheckRecorded, data);
