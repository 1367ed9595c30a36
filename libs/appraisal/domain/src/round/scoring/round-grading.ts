import type { RoundState } from '../state';
import type { GradedResult } from '../types';
import { assignGrades, type Grading } from './grading';
import { buildScoreSheet, missingCriteria, type ScoreSheet } from './score-sheet';

/** A member's score sheet in the official round. */
export function roundScoreSheet(state: RoundState, memberId: string): ScoreSheet {
  return buildScoreSheet({
    scheme: state.scheme!,
    schemeVersion: state.schemeVersion,
    computed: state.computed[memberId] ?? {},
    entered: state.entered[memberId] ?? {},
    tallies: { self: state.self[memberId], peers: state.peers[memberId], masses: state.masses[memberId] },
    bonuses: state.bonuses[memberId] ?? {},
    deductions: state.deductions[memberId] ?? {},
    vetoes: state.vetoes[memberId] ?? {},
  });
}

export const subjectIds = (state: RoundState): string[] => Object.keys(state.subjects).sort();

/** Every subject's missing criteria (empty when the round can go on notice). */
export function missingScores(state: RoundState, memberIds: readonly string[] = subjectIds(state)): Array<{ memberId: string; criterionIds: string[] }> {
  return memberIds
    .map((memberId) => ({
      memberId,
      criterionIds: missingCriteria({
        scheme: state.scheme!,
        schemeVersion: state.schemeVersion,
        computed: state.computed[memberId] ?? {},
        entered: state.entered[memberId] ?? {},
        tallies: { self: state.self[memberId], peers: state.peers[memberId], masses: state.masses[memberId] },
      }),
    }))
    .filter((m) => m.criterionIds.length > 0);
}

/** Sheets and grades of the whole round, as they stand (grades are round-wide because of the quota). */
export function gradeSheets(sheets: ReadonlyMap<string, ScoreSheet>, scheme: NonNullable<RoundState['scheme']>): Grading {
  const tieBreakers = scheme.topGradeQuota?.tieBreakers ?? [];
  return assignGrades(
    scheme,
    [...sheets].map(([memberId, sheet]) => ({
      memberId,
      points: sheet.points,
      vetoed: sheet.vetoes.length > 0,
      tieBreak: tieBreakers.map((id) => sheet.criteria.find((c) => c.criterionId === id)?.points ?? 0),
    })),
  );
}

export function gradeRound(state: RoundState): { sheets: Map<string, ScoreSheet>; grading: Grading; byMember: Map<string, GradedResult> } {
  const sheets = new Map(subjectIds(state).map((id) => [id, roundScoreSheet(state, id)]));
  const grading = gradeSheets(sheets, state.scheme!);
  return { sheets, grading, byMember: new Map(grading.results.map((r) => [r.memberId, r])) };
}
