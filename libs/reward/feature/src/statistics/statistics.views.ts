import type { BookLedger, BureauYearRollup, Placements } from '@pledgebook/reward-domain';

export const STAT_BOOKS = 'stat_books';
export const STAT_ROLLUPS = 'stat_rollups';
export const STAT_PLACEMENTS = 'stat_placements';

export type BookDoc = BookLedger & { _id: string; [field: string]: unknown };
export type RollupDoc = BureauYearRollup & { _id: string; [field: string]: unknown };
export type PlacementsDoc = Placements & { _id: string; [field: string]: unknown };

export const rollupId = (bureauId: string, year: number) => `${bureauId}/${year}`;
