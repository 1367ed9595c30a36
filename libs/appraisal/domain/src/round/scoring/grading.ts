import type { Grade } from '../../shared/grades';
import type { SchemeContent } from '../../scheme/types';
import type { GradedResult } from '../types';

export interface GradingCandidate {
  memberId: string;
  points: number;
  vetoed: boolean;
  /** Points on the quota's tie-breaker criteria, in the scheme's order. */
  tieBreak: number[];
}

export interface QuotaOutcome {
  /** floor(subjects × maxPercent ÷ 100): "at most" is never exceeded. */
  limit: number;
  /** Members whose points reach the top band (and no veto), best first. */
  contenders: string[];
  granted: string[];
  /** Members still tied with the last one inside the limit on points and every tie-breaker, when the tie straddles it: none of them get the top grade. */
  tiedAtCut: string[];
}

export interface Grading {
  results: GradedResult[];
  quota?: QuotaOutcome;
}

export const bandGrade = (scheme: SchemeContent, points: number): Grade => (scheme.bands.find((b) => points >= b.minPoints) ?? scheme.bands[scheme.bands.length - 1]!).grade;

const key = (c: GradingCandidate) => [c.points, ...c.tieBreak];
function compare(a: GradingCandidate, b: GradingCandidate): number {
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return (kb[i] ?? 0) - (ka[i] ?? 0);
  return 0;
}

function applyQuota(scheme: SchemeContent, candidates: readonly GradingCandidate[], contenders: GradingCandidate[]): QuotaOutcome {
  const limit = Math.floor((candidates.length * scheme.topGradeQuota!.maxPercent) / 100);
  const ranked = [...contenders].sort((a, b) => compare(a, b) || a.memberId.localeCompare(b.memberId));
  if (ranked.length <= limit) return { limit, contenders: ranked.map((c) => c.memberId), granted: ranked.map((c) => c.memberId), tiedAtCut: [] };
  const inside = ranked.slice(0, limit);
  const last = inside[inside.length - 1];
  const straddles = last !== undefined && compare(last, ranked[limit]!) === 0;
  const tiedAtCut = straddles ? ranked.filter((c) => compare(c, last) === 0).map((c) => c.memberId) : [];
  return {
    limit,
    contenders: ranked.map((c) => c.memberId),
    granted: inside.filter((c) => !tiedAtCut.includes(c.memberId)).map((c) => c.memberId),
    tiedAtCut,
  };
}

/**
 * Grades for the whole round (ADR 0043): the band the points reach; a veto gives the lowest band;
 * with a quota, the top grade goes to at most `limit` members ranked by points, then by the
 * tie-breaker criteria; members tied across the cut all drop; everyone dropped by the quota gets
 * the next band.
 */
export function assignGrades(scheme: SchemeContent, candidates: readonly GradingCandidate[]): Grading {
  const lowest = scheme.bands[scheme.bands.length - 1]!.grade;
  const top = scheme.bands[0]!.grade;
  const banded = candidates.map((c) => ({ c, grade: c.vetoed ? lowest : bandGrade(scheme, c.points) }));
  if (!scheme.topGradeQuota) {
    return { results: banded.map(({ c, grade }) => ({ memberId: c.memberId, points: c.points, grade, gradeReason: c.vetoed ? 'veto' : 'band' })) };
  }
  const quota = applyQuota(scheme, candidates, banded.filter(({ c, grade }) => grade === top && !c.vetoed).map(({ c }) => c));
  const next = scheme.bands[1]!.grade;
  return {
    quota,
    results: banded.map(({ c, grade }) => {
      if (c.vetoed) return { memberId: c.memberId, points: c.points, grade, gradeReason: 'veto' };
      if (grade === top && !quota.granted.includes(c.memberId)) return { memberId: c.memberId, points: c.points, grade: next, gradeReason: 'quota' };
      return { memberId: c.memberId, points: c.points, grade, gradeReason: 'band' };
    }),
  };
}
