import type { Half, Quarter } from '../shared/dates';
import type { Grade } from '../shared/grades';
import type { PartyStatus } from '../round/types';

/**
 * CloudEvents types on `pledgebook.appraisal.v1`. The data below mirrors the schemas in
 * `libs/shared/contracts/src/appraisal.contracts.ts` field for field (those are strict: the
 * contract is the one source; the domain cannot import it, so the feature validates what this
 * mapping returns against it before publishing).
 */
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

/** The published rules: criteria (bonuses and deductions with their caps), grade bands, quota, whether a veto exists. */
export interface SchemePublishedV1 {
  bureauId: string;
  year: number;
  schemeId: string;
  version: number;
  publishedAt: string;
  criteria: Array<{ criterionId: string; name: string; maxPoints: number; source: 'computed' | 'entered' | 'bonus' | 'deduction' }>;
  grades: Array<{ grade: Grade; label: string; minPoints: number }>;
  topGradeQuotaPercent?: number;
  veto: boolean;
}

/** Counts only: no member, no note. A correction publishes the check's counts again under the same checkId. */
export interface MonthlyCheckRecordedV1 {
  bureauId: string;
  checkId: string;
  groupId: string;
  branchId?: string;
  month: string;
  members: number;
  items: number;
  done: number;
  onTrack: number;
  behind: number;
  notStarted: number;
  recordedAt: string;
}

/** Counts only: not who is behind, not why anyone was left out. */
export interface QuarterlyDispatchHeldV1 {
  bureauId: string;
  dispatchId: string;
  branchId: string;
  year: number;
  quarter: Quarter;
  heldOn: string;
  members: number;
  membersBehind: number;
  talksDue: number;
}

export interface RoundOpenedV1 {
  bureauId: string;
  roundId: string;
  year: number;
  half: Half;
  schemeVersion: number;
  subjects: number;
  openedAt: string;
}

/** A notice (the first, or a renewed one after a rescore): how many results and when it runs. */
export interface ResultsOnNoticeV1 {
  bureauId: string;
  roundId: string;
  noticeId: string;
  year: number;
  half: Half;
  members: number;
  startsOn: string;
  endsOn: string;
  workingDays: number;
}

export interface ResultFinalizedV1 {
  bureauId: string;
  roundId: string;
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
  roundId: string;
  year: number;
  half: Half;
  members: number;
  byGrade: Record<Grade, number>;
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

/**
 * The ids the contracts name, which the stored event alone does not hold: the aggregate's id (the
 * scheme, check, dispatch or round id the feature keys its stream by) and the stored event's id
 * (a notice is identified by the event that posted it).
 */
export interface IntegrationIds {
  aggregateId: string;
  eventId: string;
}
