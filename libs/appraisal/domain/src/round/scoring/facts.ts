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

/** Everything a member's computed criteria are scored from, gathered by the handler from the events. */
export interface SubjectFacts {
  /** The items of the member's published books (individual and paired). */
  items: ItemFact[];
  /** The member's item statuses from the monthly checks, in stream order. */
  statuses: ItemStatusFact[];
  records: RecordFact[];
  talks: TalkFact[];
}
