import { GRADES, type Grade } from '../shared/grades';
import { localDate } from '../shared/values';
import type { BureauYearRollup } from './ledger';

/** One row of the statistics: counts, and the rates that follow from them. */
export interface Figures {
  booksInReview: number;
  booksPublished: number;
  deedsPledged: number;
  deedsDone: number;
  /** deedsDone ÷ deedsPledged (null when nothing was pledged). */
  fulfilmentRate: number | null;
  /** Distinct people aided: a beneficiary reference counts once in the row's scope and period. */
  peopleAided: number;
  amountFen: number;
  volunteerHours: number;
  records: number;
  /** Monthly checks held by groups with published books, and the checks due for them (a month each). */
  checksRecorded: number;
  checksExpected: number;
  checkCompliance: number | null;
  /** Over the checks recorded: items checked, and of them done or on track. */
  checkedItems: number;
  itemsDoneOrOnTrack: number;
  onTrackRate: number | null;
  /** Final results by grade (each half-year's result counts). */
  grades: Record<Grade, number>;
  grants: number;
  grantsAmountFen: number;
  /** Whether opening totals (kept before the system) are in these figures. */
  withOpeningTotals: boolean;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** Months of a programme year due by a time (China Standard Time): all twelve once the year is over. */
export function monthsDue(year: number, asOf: string): number {
  const today = localDate(asOf);
  const current = Number(today.slice(0, 4));
  if (year < current) return 12;
  if (year > current) return 0;
  return Number(today.slice(5, 7));
}

type Filter = (entry: { branchId?: string; groupId?: string }) => boolean;

/** Adds up rollups in a scope; beneficiaries merge across books and years, so a person counts once. */
export class Tally {
  private readonly counts = {
    booksInReview: 0,
    booksPublished: 0,
    deedsPledged: 0,
    deedsDone: 0,
    amountFen: 0,
    volunteerHours: 0,
    records: 0,
    checksRecorded: 0,
    checksExpected: 0,
    checkedItems: 0,
    itemsDoneOrOnTrack: 0,
    grants: 0,
    grantsAmountFen: 0,
  };
  private unnamed = 0;
  private openingPeople = 0;
  private readonly beneficiaries = new Map<string, number>();
  private readonly grades = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  private withOpening = false;

  constructor(private readonly asOf: string) {}

  add(rollup: BureauYearRollup, filter: Filter = () => true, options: { opening?: boolean } = {}): this {
    const c = this.counts;
    const groupsWithBooks = new Set<string>();
    for (const place of rollup.books) {
      if (!filter(place)) continue;
      c.booksInReview += place.booksInReview;
      if (place.booksPublished === 0) continue;
      c.booksPublished += place.booksPublished;
      c.deedsPledged += place.deedsPledged;
      c.deedsDone += place.deedsDone;
      c.amountFen += place.amountFen;
      c.volunteerHours += place.volunteerHours;
      c.records += place.records;
      this.unnamed += place.unnamedPeople;
      for (const [ref, values] of Object.entries(place.beneficiaries)) this.beneficiaries.set(ref, Math.max(this.beneficiaries.get(ref) ?? 0, ...values));
      if (place.groupId) groupsWithBooks.add(place.groupId);
    }
    const due = monthsDue(rollup.year, this.asOf);
    c.checksExpected += groupsWithBooks.size * due;
    for (const group of rollup.checks) {
      if (!filter(group)) continue;
      for (const [month, [items, done, onTrack]] of Object.entries(group.months)) {
        c.checkedItems += items;
        c.itemsDoneOrOnTrack += done + onTrack;
        if (groupsWithBooks.has(group.groupId) && Number(month) <= due) c.checksRecorded += 1;
      }
    }
    for (const place of rollup.results) if (filter(place)) for (const grade of Object.values(place.grades)) this.grades[grade] += 1;
    for (const grant of Object.values(rollup.grants)) {
      if (grant.revoked || !filter(grant)) continue;
      c.grants += 1;
      c.grantsAmountFen += grant.amountFen;
    }
    const opening = rollup.opening;
    if (opening && options.opening) {
      this.withOpening = true;
      c.booksPublished += opening.booksPublished;
      c.deedsPledged += opening.deedsPledged;
      c.deedsDone += opening.deedsDone;
      c.amountFen += opening.amountFen;
      c.volunteerHours += opening.volunteerHours;
      c.grants += opening.grants;
      c.grantsAmountFen += opening.grantsAmountFen;
      this.openingPeople += opening.peopleAided;
    }
    return this;
  }

  figures(): Figures {
    const c = this.counts;
    let people = this.unnamed + this.openingPeople;
    for (const n of this.beneficiaries.values()) people += n;
    return {
      booksInReview: c.booksInReview,
      booksPublished: c.booksPublished,
      deedsPledged: c.deedsPledged,
      deedsDone: c.deedsDone,
      fulfilmentRate: rate(c.deedsDone, c.deedsPledged),
      peopleAided: people,
      amountFen: c.amountFen,
      volunteerHours: Math.round(c.volunteerHours * 100) / 100,
      records: c.records,
      checksRecorded: c.checksRecorded,
      checksExpected: c.checksExpected,
      checkCompliance: rate(c.checksRecorded, c.checksExpected),
      checkedItems: c.checkedItems,
      itemsDoneOrOnTrack: c.itemsDoneOrOnTrack,
      onTrackRate: rate(c.itemsDoneOrOnTrack, c.checkedItems),
      grades: { ...this.grades },
      grants: c.grants,
      grantsAmountFen: c.grantsAmountFen,
      withOpeningTotals: this.withOpening,
    };
  }
}

/** Rows of different bureaus added up (their people are distinct: references are per bureau); rates recomputed. */
export function sumFigures(rows: readonly Figures[]): Figures {
  const sum = (pick: (f: Figures) => number) => rows.reduce((n, f) => n + pick(f), 0);
  const deedsPledged = sum((f) => f.deedsPledged);
  const deedsDone = sum((f) => f.deedsDone);
  const checksRecorded = sum((f) => f.checksRecorded);
  const checksExpected = sum((f) => f.checksExpected);
  const checkedItems = sum((f) => f.checkedItems);
  const itemsDoneOrOnTrack = sum((f) => f.itemsDoneOrOnTrack);
  return {
    booksInReview: sum((f) => f.booksInReview),
    booksPublished: sum((f) => f.booksPublished),
    deedsPledged,
    deedsDone,
    fulfilmentRate: rate(deedsDone, deedsPledged),
    peopleAided: sum((f) => f.peopleAided),
    amountFen: sum((f) => f.amountFen),
    volunteerHours: Math.round(sum((f) => f.volunteerHours) * 100) / 100,
    records: sum((f) => f.records),
    checksRecorded,
    checksExpected,
    checkCompliance: rate(checksRecorded, checksExpected),
    checkedItems,
    itemsDoneOrOnTrack,
    onTrackRate: rate(itemsDoneOrOnTrack, checkedItems),
    grades: Object.fromEntries(GRADES.map((g) => [g, sum((f) => f.grades[g])])) as Record<Grade, number>,
    grants: sum((f) => f.grants),
    grantsAmountFen: sum((f) => f.grantsAmountFen),
    withOpeningTotals: rows.some((f) => f.withOpeningTotals),
  };
}
