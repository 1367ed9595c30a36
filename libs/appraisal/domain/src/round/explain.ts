import { GRADE_LABELS, type Grade } from '../shared/grades';
import type { GradeBand } from '../scheme/types';
import { gradeRound } from './scoring/round-grading';
import type { ScoreSheet } from './scoring/score-sheet';
import type { RoundState } from './state';
import type { GradeReason, NoticedResult } from './types';

export interface ResultExplanation {
  memberId: string;
  schemeVersion: number;
  sheet: ScoreSheet;
  /** The grade the points and vetoes give today, with the labels shown to people. */
  grade: Grade;
  gradeLabel: string;
  gradeReason: GradeReason;
  bands: Array<GradeBand & { label: string }>;
  quota?: { maxPercent: number; limit: number; rank?: number; granted: boolean; tiedAtCut: boolean };
  /** The result as it stands on notice or final (absent while scoring). */
  result?: NoticedResult;
}

/** Why a member has their points and grade: every line of the sheet, the bands, and the quota's say. */
export function explainResult(state: RoundState, memberId: string): ResultExplanation | undefined {
  if (state.status === 'none' || !state.subjects[memberId]) return undefined;
  const scheme = state.scheme!;
  const { sheets, grading, byMember } = gradeRound(state);
  const graded = byMember.get(memberId)!;
  const quota = grading.quota;
  const rank = quota ? quota.contenders.indexOf(memberId) : -1;
  return {
    memberId,
    schemeVersion: state.schemeVersion,
    sheet: sheets.get(memberId)!,
    grade: graded.grade,
    gradeLabel: GRADE_LABELS[graded.grade],
    gradeReason: graded.gradeReason,
    bands: scheme.bands.map((b) => ({ ...b, label: GRADE_LABELS[b.grade] })),
    ...(quota && scheme.topGradeQuota
      ? {
          quota: {
            maxPercent: scheme.topGradeQuota.maxPercent,
            limit: quota.limit,
            ...(rank >= 0 ? { rank: rank + 1 } : {}),
            granted: quota.granted.includes(memberId),
            tiedAtCut: quota.tiedAtCut.includes(memberId),
          },
        }
      : {}),
    ...(state.results[memberId] ? { result: state.results[memberId] } : {}),
  };
}
