import type { NoticePeriod } from '../calendar/working-days';
import type { Half, Quarter } from '../shared/dates';
import type { Grade } from '../shared/grades';
import type { StatusCounts } from '../shared/statuses';
import type { PartyStatus } from '../round/types';

/** CloudEvents types on `pledgebook.appraisal.v1` (DESIGN.md: pledgebook.<context>.<event-name>.v<major>). */
export const APPRAISAL_INTEGRATION_TYPES = {
  schemePublished: 'pledgebook.appraisal.scheme-published.v1',
  monthlyCheckRecorded: 'pledgebook.appraisal.monthly-check-recorded.v1',
  quarterlyDispatchHeld: 'pledgebook.appraisal.quarterly-dispatch-held.v1',
  roundOpened: 'pledgebook.appraisal.round-opened.v1',
  resultsOnNotice: 'pledgebook.appraisal.results-on-notice.v1',
  resultFinalized: 'pledgebook.appraisal.result-finalized.v1',
  roundFinalized: 'pledgebook.appraisal.round-finalized.v1',
} as const;

type Types = typeof APPRAISAL_INTEGRATION_TYPES;

/** The published rules: made public in advance, so the whole scheme is public. */
export interface SchemePublishedV1 {
  bureauId: string;
  year: number;
  version: number;
  title: string;
  totalPoints: number;
  criteria: Array<{ id: string; label: string; maxPoints: number; source: 'computed' | 'entered'; formula?: string; kind?: string }>;
  bonuses: Array<{ id: string; label: string; cap: number }>;
  deductions: Array<{ id: string; label: string; cap: number }>;
  vetoes: Array<{ id: string; label: string }>;
  bands: Array<{ grade: Grade; label: string; minPoints: number }>;
  topGradeQuota?: { maxPercent: number };
  publishedAt: string;
}

/** Counts only: no member, no note. `correction` when a correction changed the counts. */
export interface MonthlyCheckRecordedV1 {
  bureauId: string;
  branchId: string;
  groupId: string;
  month: string;
  members: number;
  items: number;
  counts: StatusCounts;
  correction: boolean;
  recordedAt: string;
}

/** Counts only: not who is behind, not why anyone was left out. */
export interface QuarterlyDispatchHeldV1 {
  bureauId: string;
  branchId: string;
  year: number;
  quarter: Quarter;
  meetingDate: string;
  attendees: number;
  members: number;
  items: number;
  counts: StatusCounts;
  checksExpected: number;
  checksHeld: number;
  membersBehind: number;
  leftOut: number;
  talksScheduled: number;
  heldAt: string;
}

export interface RoundOpenedV1 {
  bureauId: string;
  year: number;
  half: Half;
  schemeVersion: number;
  subjects: number;
  openedAt: string;
}

/** The public notice (公示) itself: members, points and grades, as posted in the bureau. */
export interface ResultsOnNoticeV1 {
  bureauId: string;
  year: number;
  half: Half;
  schemeVersion: number;
  renewal: boolean;
  notice: NoticePeriod;
  results: Array<{ memberId: string; points: number; grade: Grade; gradeLabel: string }>;
  postedAt: string;
}

export interface ResultFinalizedV1 {
  bureauId: string;
  year: number;
  half: Half;
  memberId: string;
  partyStatus: PartyStatus;
  points: number;
  grade: Grade;
  gradeLabel: string;
  schemeVersion: number;
  finalizedAt: string;
}

export interface RoundFinalizedV1 {
  bureauId: string;
  year: number;
  half: Half;
  schemeVersion: number;
  subjects: number;
  gradeCounts: Partial<Record<Grade, number>>;
  finalizedAt: string;
}

type Mapped<T extends keyof Types, D> = { type: Types[T]; subject: string; data: D };

export type AppraisalIntegrationEvent =
  | Mapped<'schemePublished', SchemePublishedV1>
  | Mapped<'monthlyCheckRecorded', MonthlyCheckRecordedV1>
  | Mapped<'quarterlyDispatchHeld', QuarterlyDispatchHeldV1>
  | Mapped<'roundOpened', RoundOpenedV1>
  | Mapped<'resultsOnNotice', ResultsOnNoticeV1>
  | Mapped<'resultFinalized', ResultFinalizedV1>
  | Mapped<'roundFinalized', RoundFinalizedV1>;
