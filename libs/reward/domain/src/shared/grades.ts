/** Grades by their stable codes, best first (the appraisal contract's codes). */
export const GRADES = ['excellent', 'qualified', 'basically-qualified', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];
export const TOP_GRADE: Grade = 'excellent';

export const HALVES = ['H1', 'H2'] as const;
export type Half = (typeof HALVES)[number];

/** A member's final appraisal result, as the appraisal service published it. */
export interface FinalResult {
  memberId: string;
  roundId: string;
  year: number;
  half: Half;
  grade: Grade;
}

/** Half-years in order: H1 of a year, its H2, then the next year's H1. */
export const halfOrder = (r: Pick<FinalResult, 'year' | 'half'>) => r.year * 2 + (r.half === 'H2' ? 1 : 0);

/** The reference a grant names as its basis for a result: the round and the member. */
export const resultRef = (r: Pick<FinalResult, 'roundId' | 'memberId'>) => `${r.roundId}/${r.memberId}`;
