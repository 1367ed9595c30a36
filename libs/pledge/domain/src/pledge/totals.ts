import type { FulfilmentRecord } from './types';

/** A book's deed figures as the programme counts them. */
export interface FulfilmentTotals {
  peopleAided: number;
  amountFen: number;
  volunteerHours: number;
  /** Records that count: one per original record, whatever corrections followed. */
  records: number;
  /** People aided per beneficiary reference (the most any one of its records names). */
  beneficiaries: Record<string, number>;
}

/**
 * Totals of fulfilment records, in the order they were recorded (ADR 0036):
 * - a correction replaces the record it corrects: every record descends from one original, and
 *   only the latest record of that line counts — two corrections of one record count once, and a
 *   chain of corrections counts its last link;
 * - people aided: a record without a beneficiary reference adds its `peopleAided`; records that
 *   name the same `beneficiaryRef` are the same beneficiary and add the most any of them names,
 *   so a student aided every month is counted once.
 */
export function fulfilmentTotals(records: readonly FulfilmentRecord[]): FulfilmentTotals {
  const byId = new Map(records.map((r) => [r.recordId, r]));
  const originOf = (record: FulfilmentRecord): string => {
    const seen = new Set<string>();
    let current = record;
    while (current.corrects && byId.has(current.corrects) && !seen.has(current.recordId)) {
      seen.add(current.recordId);
      current = byId.get(current.corrects)!;
    }
    return current.recordId;
  };
  // Later in the stream replaces earlier: the Map keeps each line where its original stood.
  const latest = new Map<string, FulfilmentRecord>();
  for (const record of records) latest.set(originOf(record), record);
  const effective = [...latest.values()];
  const beneficiaries: Record<string, number> = {};
  let unnamed = 0;
  for (const r of effective) {
    const ref = r.beneficiaryRef;
    if (ref === undefined) unnamed += r.peopleAided ?? 0;
    else beneficiaries[ref] = Math.max(beneficiaries[ref] ?? 0, r.peopleAided ?? 0);
  }
  return {
    peopleAided: unnamed + Object.values(beneficiaries).reduce((n, p) => n + p, 0),
    amountFen: effective.reduce((n, r) => n + (r.amountFen ?? 0), 0),
    volunteerHours: effective.reduce((n, r) => n + (r.volunteerHours ?? 0), 0),
    records: effective.length,
    beneficiaries,
  };
}
