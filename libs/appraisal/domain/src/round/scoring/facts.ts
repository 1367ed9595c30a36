import type { Quarter } from '../../shared/dates';
import type { ItemRef, ItemStatusFact } from '../../shared/statuses';

export interface ItemFact extends ItemRef {
  kind: 'common' | 'position' | 'deed';
  /** Due by the end of this quarter; without it, due by the year's end. */
  dueQuarter?: Quarter;
}

/** A fulfilment record from the pledge service (ProgressRecorded), citing its event. */
export interface RecordFact extends ItemRef {
  eventId: string;
  recordId: string;
  recordedOn: string;
  /** The record this one corrects: the corrected one no longer counts. */
  corrects?: string;
}

/** A reminder talk the member needed (scheduled by a quarterly dispatch), citing its event. */
export interface TalkFact {
  eventId: string;
  talkId: string;
  year: number;
  quarter: Quarter;
}

/**
 * A research work of the member that the reward service rated (research-work-rated), citing its
 * event: the date that counts is the rating's, as a bureau date (ADR 0087).
 */
export interface ResearchWorkFact {
  eventId: string;
  workId: string;
  categoryId: string;
  levelId: string;
  ratedOn: string;
  /** The member's share of the level's amount, in fen. */
  shareFen: number;
  /** The points the research reward scheme gave the level, when it feeds the appraisal. */
  bonusPoints?: number;
  /** The reward service revoked the member's grant for this work: it no longer counts. */
  revoked?: boolean;
}

/** Everything a member's computed criteria are scored from, gathered by the handler from the events. */
export interface SubjectFacts {
  /** The items of the member's published books (individual and paired). */
  items: ItemFact[];
  /** The member's item statuses from the monthly checks, in stream order. */
  statuses: ItemStatusFact[];
  records: RecordFact[];
  talks: TalkFact[];
  /** The member's rated research works (needed when the scheme computes a research bonus). */
  research?: ResearchWorkFact[];
}
