import type { BookLedger, BureauYearRollup, FulfilmentLine, Placements } from '@pledgebook/reward-domain';

export const STAT_BOOKS = 'stat_books';
export const STAT_ROLLUPS = 'stat_rollups';
export const STAT_PLACEMENTS = 'stat_placements';

/**
 * A book as the statistics count it, with its records in the order they were recorded (kept for
 * the counting rule: a correction counts the book again from them). A record fact reads and
 * writes only its own book's document.
 */
export type BookDoc = BookLedger & { _id: string; records: FulfilmentLine[]; [field: string]: unknown };
export type RollupDoc = BureauYearRollup & { _id: string; [field: string]: unknown };
export type PlacementsDoc = Placements & { _id: string; [field: string]: unknown };

export const rollupId = (bureauId: string, year: number) => `${bureauId}/${year}`;
/** A book's document, under its bureau: the books a batch touches lie together (fewer pages written). */
export const bookId = (bureauId: string, pledgeId: string) => `${bureauId}/${pledgeId}`;
