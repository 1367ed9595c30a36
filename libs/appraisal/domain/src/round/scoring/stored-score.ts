import { FORMULA_CATALOGUE } from '../../scheme/formula-catalogue';
import type { ComputedCriterion, SchemeContent } from '../../scheme/types';
import type { CriterionScore } from '../types';

/**
 * A computed score as `ComputedScoresRecorded` stores it: what the round's frozen scheme does not
 * already say — the points, the inputs and the ids of the events they came from. The label, the
 * maximum, the formula with its parameters and the rule in words come back from the scheme the
 * round opened with, so the fold explains every point as `scoreComputed` did, and a round of
 * hundreds of members is recorded without repeating the catalogue's text for each of them.
 */
export interface StoredComputedScore {
  criterionId: string;
  points: number;
  inputs: Record<string, number | string>;
  sourceEventIds: string[];
}

export const storeComputedScore = ({ criterionId, points, inputs, sourceEventIds }: CriterionScore): StoredComputedScore => ({ criterionId, points, inputs, sourceEventIds });

/** The whole explained score again (events recorded before scores were stored this way already carry it). */
export function expandComputedScore(scheme: SchemeContent | undefined, schemeVersion: number, stored: StoredComputedScore | CriterionScore): CriterionScore {
  return computedScoreExpander(scheme, schemeVersion)(stored);
}

/** `expandComputedScore` for many scores of one scheme: the criteria are looked up once. */
export function computedScoreExpander(scheme: SchemeContent | undefined, schemeVersion: number): (stored: StoredComputedScore | CriterionScore) => CriterionScore {
  const criteria = new Map<string, ComputedCriterion>();
  for (const c of scheme?.criteria ?? []) if (c.source === 'computed' && !criteria.has(c.id)) criteria.set(c.id, c);
  return (stored) => {
    if ('rule' in stored) return stored;
    const criterion = criteria.get(stored.criterionId);
    if (!criterion) throw new Error(`the round's scheme has no computed criterion ${stored.criterionId}`);
    return {
      criterionId: criterion.id,
      label: criterion.label,
      schemeVersion,
      maxPoints: criterion.maxPoints,
      points: stored.points,
      source: 'computed',
      formula: criterion.formula,
      ...(criterion.params ? { params: criterion.params } : {}),
      rule: FORMULA_CATALOGUE[criterion.formula].rule,
      inputs: stored.inputs,
      sourceEventIds: stored.sourceEventIds,
    };
  };
}
