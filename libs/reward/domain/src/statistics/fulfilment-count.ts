/** A fulfilment record as `pledgebook.pledge.progress-recorded.v1` carries it (the fields that count). */
export interface FulfilmentLine {
  recordId: string;
  itemNo: number;
  recordedOn: string;
  peopleAided?: number;
  amountFen?: number;
  volunteerHours?: number;
  beneficiaryRef?: string;
  corrects?: string;
}

export interface FulfilmentCount {
  peopleAided: number;
  amountFen: number;
  volunteerHours: number;
  /** Records that count: one per original record, whatever corrections followed. */
  records: number;
  /** People aided per beneficiary reference (the most any one of its counted records names). */
  beneficiaries: Record<string, number>;
  /** People aided by counted records that name no beneficiary. */
  unnamedPeople: number;
  /** The item numbers that have at least one counted record. */
  itemsWithRecords: number[];
}

/**
 * The programme's counting rule (ADR 0036), applied here to the contract's fields (this context
 * never imports another's domain): records in the order they were recorded;
 * - a correction replaces the record it corrects: every record descends through `corrects` from
 *   one original, and only the latest record of each such line counts;
 * - records naming the same `beneficiaryRef` are one beneficiary, who adds the most people any of
 *   its counted records names; records without a reference add their `peopleAided`.
 */
export function countFulfilment(records: readonly FulfilmentLine[]): FulfilmentCount {
  const byId = new Map(records.map((r) => [r.recordId, r]));
  const originOf = (record: FulfilmentLine): string => {
    const seen = new Set<string>();
    let current = record;
    while (current.corrects && byId.has(current.corrects) && !seen.has(current.recordId)) {
      seen.add(current.recordId);
      current = byId.get(current.corrects)!;
    }
    return current.recordId;
  };
  const latest = new Map<string, FulfilmentLine>();
  for (const record of records) latest.set(originOf(record), record);
  const beneficiaries: Record<string, number> = {};
  let unnamedPeople = 0;
  let amountFen = 0;
  let volunteerHours = 0;
  const items = new Set<number>();
  for (const r of latest.values()) {
    if (r.beneficiaryRef === undefined) unnamedPeople += r.peopleAided ?? 0;
    else beneficiaries[r.beneficiaryRef] = Math.max(beneficiaries[r.beneficiaryRef] ?? 0, r.peopleAided ?? 0);
    amountFen += r.amountFen ?? 0;
    volunteerHours += r.volunteerHours ?? 0;
    items.add(r.itemNo);
  }
  return {
    peopleAided: unnamedPeople + Object.values(beneficiaries).reduce((n, p) => n + p, 0),
    amountFen,
    volunteerHours,
    records: latest.size,
    beneficiaries,
    unnamedPeople,
    itemsWithRecords: [...items].sort((a, b) => a - b),
  };
}
