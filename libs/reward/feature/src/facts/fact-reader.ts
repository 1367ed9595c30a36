import { MonthlyCheckRecorded, ResultFinalized, type EventData, type EventDefinition } from '@pledgebook/contracts';

/**
 * Typed reads of the pledge topic's fields (its contracts are JSON Schemas, validated when the
 * consumer took the events in): a field of the wrong type reads as absent, never cast.
 */
export type Data = Record<string, unknown>;
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});

const names = new Map<string, string>();
/** The short name of a pledge or appraisal event type: `pledgebook.pledge.member-added.v1` → `member-added`. */
export function eventName(type: string): string {
  let name = names.get(type);
  if (name === undefined) {
    name = type.replace(/^pledgebook\.[a-z]+\./, '').replace(/\.v\d+$/, '');
    if (names.size < 1000) names.set(type, name);
  }
  return name;
}

/** The deed items' numbers of a submitted or revised book. */
export const deedItemsOf = (items: unknown) =>
  list(items)
    .map(obj)
    .filter((i) => i.kind === 'deed')
    .map((i) => num(i.no))
    .filter((n): n is number => n !== undefined);

/**
 * Appraisal facts have zod contracts: parsed by them (the one place their data is typed). The
 * consumer validated them when it took them in; a fact that no longer parses is skipped rather
 * than stopping every view built after it.
 */
function parsed<D extends EventDefinition>(definition: D, data: unknown): EventData<D> | undefined {
  const result = definition.data.safeParse(data);
  return result.success ? (result.data as EventData<D>) : undefined;
}
export const resultFinalized = (data: unknown) => parsed(ResultFinalized, data);
export const monthlyCheckRecorded = (data: unknown) => parsed(MonthlyCheckRecorded, data);
