import { EXAMPLE_SCHEME } from '../../scheme/example-scheme';
import type { SchemeContent } from '../../scheme/types';
import { evolveRound } from '../evolve';
import { scoredEvents } from '../round.fixtures';
import { initialRoundState } from '../state';
import { assignGrades, bandGrade, type GradingCandidate } from './grading';
import { missingScores, roundScoreSheet, subjectIds } from './round-grading';

const noQuota: SchemeContent = { ...EXAMPLE_SCHEME, topGradeQuota: undefined };
const c = (memberId: string, points: number, tieBreak: number[] = [], vetoed = false): GradingCandidate => ({ memberId, points, vetoed, tieBreak });
const grades = (scheme: SchemeContent, candidates: GradingCandidate[]) => Object.fromEntries(assignGrades(scheme, candidates).results.map((r) => [r.memberId, [r.grade, r.gradeReason]]));

describe('grading', () => {
  it('gives the band the points reach (thresholds inclusive)', () => {
    expect([90, 89.99, 75, 74.99, 60, 59.99, 0].map((p) => bandGrade(EXAMPLE_SCHEME, p))).toEqual([
      'excellent',
      'qualified',
      'qualified',
      'basically-qualified',
      'basically-qualified',
      'unqualified',
      'unqualified',
    ]);
  });

  it('gives 不合格 for a one-vote veto whatever the points', () => {
    expect(grades(noQuota, [c('a', 98, [], true), c('b', 80)])).toEqual({ a: ['unqualified', 'veto'], b: ['qualified', 'band'] });
  });

  it('grants the top grade to at most the quota (floor of the percent), best first, the rest to the next band', () => {
    const ten = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((id, i) => c(id, 99 - i));
    const grading = assignGrades(EXAMPLE_SCHEME, ten);
    expect(grading.quota).toEqual({ limit: 2, contenders: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], granted: ['a', 'b'], tiedAtCut: [] });
    expect(grading.results.filter((r) => r.grade === 'excellent').map((r) => r.memberId)).toEqual(['a', 'b']);
    expect(grading.results.find((r) => r.memberId === 'c')).toMatchObject({ grade: 'qualified', gradeReason: 'quota' });
    // 20% of 4 is 0.8: nobody.
    expect(assignGrades(EXAMPLE_SCHEME, ten.slice(0, 4)).quota).toMatchObject({ limit: 0, granted: [] });
  });

  it('does nothing when fewer reach the top band than the quota allows', () => {
    const grading = assignGrades(EXAMPLE_SCHEME, [c('a', 95), ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((id) => c(id, 80))]);
    expect(grading.quota).toMatchObject({ limit: 2, granted: ['a'] });
    expect(grading.results.every((r) => r.gradeReason === 'band')).toBe(true);
  });

  it('breaks a tie at the cut with the tie-breaker criteria in order', () => {
    const five = [c('a', 95, [18, 28]), c('b', 95, [18, 29]), c('c', 80), c('d', 70), c('e', 60)];
    expect(grades(EXAMPLE_SCHEME, five)).toMatchObject({ b: ['excellent', 'band'], a: ['qualified', 'quota'] });
  });

  it('gives the top grade to none of those still tied across the cut (the quota is never exceeded)', () => {
    const ten = [c('a', 96), c('b', 95, [18, 28]), c('c', 95, [18, 28]), ...['d', 'e', 'f', 'g', 'h', 'i', 'j'].map((id) => c(id, 70))];
    const grading = assignGrades(EXAMPLE_SCHEME, ten);
    expect(grading.quota).toMatchObject({ limit: 2, granted: ['a'], tiedAtCut: ['b', 'c'] });
    expect(grades(EXAMPLE_SCHEME, ten)).toMatchObject({ a: ['excellent', 'band'], b: ['qualified', 'quota'], c: ['qualified', 'quota'] });
  });

  it('keeps vetoed members out of the quota’s count of contenders', () => {
    const five = [c('a', 99, [], true), c('b', 95), c('c', 80), c('d', 70), c('e', 60)];
    expect(assignGrades(EXAMPLE_SCHEME, five).quota).toMatchObject({ limit: 1, contenders: ['b'], granted: ['b'] });
  });
});

describe('missing scores', () => {
  it('names, member by member, the criteria their score sheets lack — before, during and after scoring', () => {
    const events = scoredEvents();
    for (let n = 1; n <= events.length; n++) {
      const state = events.slice(0, n).reduce(evolveRound, initialRoundState());
      const fromSheets = subjectIds(state)
        .map((memberId) => ({ memberId, criterionIds: roundScoreSheet(state, memberId).missing }))
        .filter((m) => m.criterionIds.length > 0);
      expect(missingScores(state)).toEqual(fromSheets);
      if (n === 1) expect(fromSheets.length).toBe(subjectIds(state).length);
    }
  });
});
