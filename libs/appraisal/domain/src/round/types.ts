import type { NoticePeriod } from '../calendar/working-days';
import type { Half } from '../shared/dates';
import type { Grade } from '../shared/grades';
import type { FormulaName, FormulaParams } from '../scheme/formula-catalogue';

export const PARTY_STATUSES = ['full', 'probationary', 'non-party'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

/** A published (or, after the year closed, closed) individual or paired book that makes a member a subject. */
export interface SubjectBook {
  pledgeId: string;
  pledgerType: 'individual' | 'paired';
  status: 'published' | 'closed';
}

/** A member appraised in the round, as the directory knew them when it opened. */
export interface Subject {
  memberId: string;
  partyStatus: PartyStatus;
  branchId?: string;
  groupId?: string;
  books: SubjectBook[];
}

export interface RoundKey {
  bureauId: string;
  year: number;
  half: Half;
}

/**
 * One criterion's points and why: every score explains itself — the criterion, the scheme
 * version, the formula or who entered it, the inputs, and the ids of the events it came from.
 */
export interface CriterionScore {
  criterionId: string;
  label: string;
  schemeVersion: number;
  maxPoints: number;
  points: number;
  source: 'computed' | 'entered' | 'democratic';
  formula?: FormulaName;
  params?: FormulaParams;
  /** The rule in plain words. */
  rule: string;
  inputs: Record<string, number | string>;
  sourceEventIds: string[];
  enteredBy?: string;
  note?: string;
}

export type GradeReason = 'band' | 'veto' | 'quota';

export interface GradedResult {
  memberId: string;
  points: number;
  grade: Grade;
  gradeReason: GradeReason;
}

/** A result on notice: the member may object until the notice ends. */
export interface NoticedResult extends GradedResult {
  status: 'on-notice' | 'rescoring' | 'final';
  notice: NoticePeriod;
  /** 1 for the first notice, then one more for each renewed notice of this member. */
  noticeNo: number;
}

export type { NoticePeriod };
