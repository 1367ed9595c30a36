import { roundPoints, sumPoints } from '../../shared/points';
import type { SchemeContent } from '../../scheme/types';
import type { Adjustment } from '../state';
import type { CriterionScore } from '../types';
import { scoreDemocratic, type DemocraticTallies } from './democratic';

export interface SheetInput {
  scheme: SchemeContent;
  schemeVersion: number;
  computed: Record<string, CriterionScore>;
  entered: Record<string, CriterionScore>;
  tallies: DemocraticTallies;
  bonuses: Record<string, Adjustment>;
  deductions: Record<string, Adjustment>;
  vetoes: Record<string, { reason: string; by: string }>;
}

export interface AdjustmentLine {
  id: string;
  label: string;
  points: number;
  cap: number;
  reason: string;
  by: string;
  /** A bonus computed from rated research works: the rule in words, what it counted, the events it came from. */
  computed?: { rule: string; inputs: Record<string, number>; sourceEventIds: string[] };
}

/** One member's whole score, line by line: the explanation shown with the result. */
export interface ScoreSheet {
  schemeVersion: number;
  criteria: CriterionScore[];
  /** Criteria without a score yet (the results cannot go on notice). */
  missing: string[];
  bonuses: AdjustmentLine[];
  deductions: AdjustmentLine[];
  vetoes: Array<{ id: string; label: string; reason: string; by: string }>;
  criteriaPoints: number;
  bonusPoints: number;
  deductionPoints: number;
  /** criteria + bonuses − deductions, never below 0. */
  points: number;
}

function adjustments(items: SchemeContent['bonuses'], given: Record<string, Adjustment>): AdjustmentLine[] {
  return items.flatMap((item) => {
    const a = given[item.id];
    return a ? [{ id: item.id, label: item.label, points: Math.min(a.points, item.cap), cap: item.cap, reason: a.reason, by: a.by, ...(a.computed ? { computed: a.computed } : {}) }] : [];
  });
}

type SheetCriterion = SchemeContent['criteria'][number];
type ScoredFrom = Pick<SheetInput, 'scheme' | 'schemeVersion' | 'computed' | 'entered' | 'tallies'>;

/** A criterion's score as recorded (computed or entered) or counted (democratic evaluation), if any. */
function scoreOf(c: SheetCriterion, input: ScoredFrom): CriterionScore | undefined {
  return c.source === 'computed' ? input.computed[c.id] : c.kind === 'democratic-evaluation' ? scoreDemocratic(c, input.tallies, input.scheme.ratingPercent, input.schemeVersion) : input.entered[c.id];
}

/** The criteria a member has no score for yet: `buildScoreSheet(input).missing` without the rest of the sheet. */
export function missingCriteria(input: ScoredFrom): string[] {
  return input.scheme.criteria.filter((c) => !scoreOf(c, input)).map((c) => c.id);
}

/** A member's score under a scheme from what was scored; anything the scheme does not name is left out. */
export function buildScoreSheet(input: SheetInput): ScoreSheet {
  const { scheme, schemeVersion } = input;
  const criteria: CriterionScore[] = [];
  const missing: string[] = [];
  for (const c of scheme.criteria) {
    const score = scoreOf(c, input);
    if (score) criteria.push({ ...score, points: Math.min(score.points, c.maxPoints), maxPoints: c.maxPoints });
    else missing.push(c.id);
  }
  const bonuses = adjustments(scheme.bonuses, input.bonuses);
  const deductions = adjustments(scheme.deductions, input.deductions);
  const vetoes = scheme.vetoes.flatMap((v) => (input.vetoes[v.id] ? [{ id: v.id, label: v.label, ...input.vetoes[v.id]! }] : []));
  const criteriaPoints = sumPoints(criteria.map((c) => c.points));
  const bonusPoints = sumPoints(bonuses.map((b) => b.points));
  const deductionPoints = sumPoints(deductions.map((d) => d.points));
  return {
    schemeVersion,
    criteria,
    missing,
    bonuses,
    deductions,
    vetoes,
    criteriaPoints,
    bonusPoints,
    deductionPoints,
    points: Math.max(0, roundPoints(criteriaPoints + bonusPoints - deductionPoints)),
  };
}
