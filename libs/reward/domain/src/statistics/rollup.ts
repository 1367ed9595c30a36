import type { Grade } from '../shared/grades';
import type { OpeningFigures } from './opening';

export interface Scoped {
  branchId?: string;
  groupId?: string;
}

/** A counted book's figures: its deeds, and its records counted once (corrections replace). */
export interface BookFigures {
  deedsPledged: number;
  deedsDone: number;
  records: number;
  amountFen: number;
  volunteerHours: number;
  unnamedPeople: number;
  beneficiaries: Record<string, number>;
  /** Items with a counted record (deedsDone counts the deed items among them). */
  itemsWithRecords: number[];
}

/**
 * The books of one place (a branch and group) in a bureau-year, added up: books in review, and
 * the figures of the counted ones. A beneficiary keeps one value per counted book naming it, so a
 * book leaving the place takes its own value away and the place still counts the most of the rest.
 */
export interface PlaceBooks extends Scoped {
  booksInReview: number;
  booksPublished: number;
  deedsPledged: number;
  deedsDone: number;
  records: number;
  amountFen: number;
  volunteerHours: number;
  unnamedPeople: number;
  beneficiaries: Record<string, number[]>;
}

/** One group's check of a month: items checked, done, on track, behind, not started. */
export type CheckCounts = [items: number, done: number, onTrack: number, behind: number, notStarted: number];

/** A group's latest check of each month of the year (by month, "01"–"12"), placed in its branch. */
export interface GroupChecks {
  groupId: string;
  branchId?: string;
  months: Record<string, CheckCounts>;
}

/** Final results of members who sat in one place when the result became final, by `memberId|half`. */
export interface PlaceResults extends Scoped {
  grades: Record<string, Grade>;
}

/**
 * Everything one bureau's statistics need for one year, kept small: the books added up per place
 * (a withdrawn book leaves), the latest check per group and month, final results and grants
 * where they were placed when they happened, and the year's opening totals.
 */
export interface BureauYearRollup {
  bureauId: string;
  year: number;
  books: PlaceBooks[];
  checks: GroupChecks[];
  results: PlaceResults[];
  grants: Record<string, Scoped & { amountFen: number; revoked?: boolean }>;
  opening?: OpeningFigures;
}

export const emptyRollup = (bureauId: string, year: number): BureauYearRollup => ({ bureauId, year, books: [], checks: [], results: [], grants: {} });
export const scoped = (branchId?: string, groupId?: string): Scoped => ({ ...(branchId ? { branchId } : {}), ...(groupId ? { groupId } : {}) });
const samePlace = (a: Scoped, b: Scoped) => a.branchId === b.branchId && a.groupId === b.groupId;

/** The figures a place sums over its counted books. */
const SUMMED = ['deedsPledged', 'deedsDone', 'records', 'amountFen', 'volunteerHours', 'unnamedPeople'] as const;
const shift = (entry: PlaceBooks, by: (field: (typeof SUMMED)[number]) => number) => SUMMED.forEach((field) => (entry[field] += by(field)));

const addBeneficiary = (entry: PlaceBooks, ref: string, people: number) => void (entry.beneficiaries[ref] ??= []).push(people);
function dropBeneficiary(entry: PlaceBooks, ref: string, people: number): void {
  const values = entry.beneficiaries[ref] ?? [];
  if (values.includes(people)) values.splice(values.indexOf(people), 1);
  if (values.length > 0) entry.beneficiaries[ref] = values;
  else delete entry.beneficiaries[ref];
}

/**
 * Adds a book to its place (`sign` 1) or takes it away (-1): in review without figures, counted
 * with them. A place left without books is removed.
 */
export function addBookToPlace(rollup: BureauYearRollup, place: Scoped, figures: BookFigures | undefined, sign: 1 | -1): void {
  let entry = rollup.books.find((p) => samePlace(p, place));
  if (!entry) {
    if (sign < 0) return;
    entry = { ...scoped(place.branchId, place.groupId), booksInReview: 0, booksPublished: 0, deedsPledged: 0, deedsDone: 0, records: 0, amountFen: 0, volunteerHours: 0, unnamedPeople: 0, beneficiaries: {} };
    rollup.books.push(entry);
  }
  if (!figures) entry.booksInReview += sign;
  else {
    entry.booksPublished += sign;
    shift(entry, (field) => sign * figures[field]);
    for (const [ref, people] of Object.entries(figures.beneficiaries)) (sign > 0 ? addBeneficiary : dropBeneficiary)(entry, ref, people);
  }
  if (entry.booksInReview + entry.booksPublished <= 0) rollup.books.splice(rollup.books.indexOf(entry), 1);
}

/**
 * A counted book's figures changed where it stays (a record added, a recount): its place takes the
 * difference — the same place `addBookToPlace` gives taking the old figures away and adding the new.
 */
export function changeBookInPlace(rollup: BureauYearRollup, place: Scoped, before: BookFigures, after: BookFigures): void {
  const entry = rollup.books.find((p) => samePlace(p, place));
  if (!entry) return addBookToPlace(rollup, place, after, 1);
  shift(entry, (field) => after[field] - before[field]);
  for (const [ref, people] of Object.entries(before.beneficiaries)) if (after.beneficiaries[ref] !== people) dropBeneficiary(entry, ref, people);
  for (const [ref, people] of Object.entries(after.beneficiaries)) if (before.beneficiaries[ref] !== people) addBeneficiary(entry, ref, people);
}

/** A group's check of a month: the latest replaces the earlier, wherever that one was placed. */
export function putCheck(rollup: BureauYearRollup, groupId: string, branchId: string | undefined, month: string, counts: CheckCounts): void {
  for (const g of rollup.checks) if (g.groupId === groupId) delete g.months[month];
  let entry = rollup.checks.find((g) => g.groupId === groupId && g.branchId === branchId);
  if (!entry) {
    entry = { groupId, ...(branchId ? { branchId } : {}), months: {} };
    rollup.checks.push(entry);
  }
  entry.months[month] = counts;
  rollup.checks = rollup.checks.filter((g) => Object.keys(g.months).length > 0);
}

/** A member's final result of a half: a later one replaces the earlier, wherever that one was placed. */
export function putResult(rollup: BureauYearRollup, key: string, place: Scoped, grade: Grade): void {
  for (const p of rollup.results) delete p.grades[key];
  let entry = rollup.results.find((p) => samePlace(p, place));
  if (!entry) {
    entry = { ...scoped(place.branchId, place.groupId), grades: {} };
    rollup.results.push(entry);
  }
  entry.grades[key] = grade;
  rollup.results = rollup.results.filter((p) => Object.keys(p.grades).length > 0);
}
