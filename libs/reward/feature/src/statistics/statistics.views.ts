import type { BookLedger, BookRecord, BureauYearRollup, Placements } from '@pledgebook/reward-domain';

export const STAT_BOOKS = 'stat_books';
export const STAT_ROLLUPS = 'stat_rollups';
export const STAT_PLACEMENTS = 'stat_placements';
export const STAT_RECORDS = 'stat_record_chunks';

export type BookDoc = BookLedger & { _id: string; [field: string]: unknown };
export type RollupDoc = BureauYearRollup & { _id: string; [field: string]: unknown };
/** A kept fulfilment record; `seq` (the position of its fact) keeps a book's records in recorded order. */
export type KeptRecord = BookRecord & { seq: number };

/**
 * A bureau-year's records of one month (by the date of the deed), in one document: a batch of
 * facts writes one such document per bureau and month rather than one per record.
 */
export interface RecordChunkDoc {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  year: number;
  month: string;
  records: KeptRecord[];
}

export const chunkId = (bureauId: string, year: number, recordedOn: string) => `${bureauId}/${year}/${recordedOn.slice(0, 7)}`;
export type PlacementsDoc = Placements & { _id: string; [field: string]: unknown };

export const rollupId = (bureauId: string, year: number) => `${bureauId}/${year}`;
