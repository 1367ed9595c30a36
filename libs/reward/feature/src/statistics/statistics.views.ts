import type { BookLedger, BureauYearRollup, FulfilmentLine, Placements } from '@pledgebook/reward-domain';

export const STAT_BOOKS = 'stat_books';
export const STAT_ROLLUPS = 'stat_rollups';
export const STAT_PLACEMENTS = 'stat_placements';

/**
 * A kept record as stored: the fields the counting rule reads, by position (absent ones null,
 * trailing ones left off) — a book's document grows by one of these a record.
 */
export type KeptLine = [recordId: string, itemNo: number, recordedOn: string, peopleAided?: number | null, amountFen?: number | null, volunteerHours?: number | null, beneficiaryRef?: string | null, corrects?: string | null];

/**
 * A book as the statistics count it, with its records in the order they were recorded (kept for
 * the counting rule: a correction counts the book again from them). A record fact reads and
 * writes only its own book's document. Its figures are not stored: they follow from its records;
 * nor its pledge id: the document's id ends with it.
 */
export type BookDoc = Omit<BookLedger, 'figures' | 'pledgeId'> & { _id: string; records: KeptLine[]; [field: string]: unknown };

export function keptLine(line: FulfilmentLine): KeptLine {
  const kept: KeptLine = [line.recordId, line.itemNo, line.recordedOn, line.peopleAided ?? null, line.amountFen ?? null, line.volunteerHours ?? null, line.beneficiaryRef ?? null, line.corrects ?? null];
  while (kept.length > 3 && kept[kept.length - 1] === null) kept.pop();
  return kept;
}

export function fulfilmentLine([recordId, itemNo, recordedOn, peopleAided, amountFen, volunteerHours, beneficiaryRef, corrects]: KeptLine): FulfilmentLine {
  const line: FulfilmentLine = { recordId, itemNo, recordedOn };
  if (peopleAided != null) line.peopleAided = peopleAided;
  if (amountFen != null) line.amountFen = amountFen;
  if (volunteerHours != null) line.volunteerHours = volunteerHours;
  if (beneficiaryRef != null) line.beneficiaryRef = beneficiaryRef;
  if (corrects != null) line.corrects = corrects;
  return line;
}

export type RollupDoc = BureauYearRollup & { _id: string; [field: string]: unknown };
export type PlacementsDoc = Placements & { _id: string; [field: string]: unknown };

export const rollupId = (bureauId: string, year: number) => `${bureauId}/${year}`;
/** A book's document, under its bureau: the books a batch touches lie together (fewer pages written). */
export const bookId = (bureauId: string, pledgeId: string) => `${bureauId}/${pledgeId}`;
