import { roundPoints } from '../../shared/points';
import { RATING_LABELS, RATINGS, totalVotes, type Rating, type RatingCounts } from '../../shared/ratings';
import { DEMOCRATIC_SOURCES, type DemocraticCriterion, type DemocraticSource } from '../../scheme/types';
import type { CriterionScore } from '../types';

/** What the round holds of one member's democratic evaluation: counts only, never a ballot. */
export interface DemocraticTallies {
  self?: Rating;
  peers?: RatingCounts;
  masses?: RatingCounts;
}

export const DEMOCRATIC_RULE =
  'maximum × weighted average of the sources with votes (self-assessment, peers within the party group, the masses); each source’s average is its ratings’ percents averaged over its votes; a source without votes gives its weight to the others';

function sourceAverage(source: DemocraticSource, tallies: DemocraticTallies, percent: Record<Rating, number>): { votes: number; average: number } {
  if (source === 'self') return tallies.self ? { votes: 1, average: percent[tallies.self] } : { votes: 0, average: 0 };
  const counts = tallies[source];
  const votes = counts ? totalVotes(counts) : 0;
  if (!counts || votes === 0) return { votes: 0, average: 0 };
  return { votes, average: RATINGS.reduce((sum, r) => sum + counts[r] * percent[r], 0) / votes };
}

/** The democratic criterion's score, or undefined while no weighted source has a vote. */
export function scoreDemocratic(criterion: DemocraticCriterion, tallies: DemocraticTallies, ratingPercent: Record<Rating, number>, schemeVersion: number): CriterionScore | undefined {
  const inputs: Record<string, number | string> = {};
  let weighted = 0;
  let weightUsed = 0;
  for (const source of DEMOCRATIC_SOURCES) {
    const { votes, average } = sourceAverage(source, tallies, ratingPercent);
    inputs[`${source}Votes`] = votes;
    inputs[`${source}Weight`] = criterion.weights[source];
    if (votes === 0 || criterion.weights[source] === 0) continue;
    inputs[`${source}Average`] = roundPoints(average);
    weighted += criterion.weights[source] * average;
    weightUsed += criterion.weights[source];
  }
  if (tallies.self) inputs.selfRating = RATING_LABELS[tallies.self];
  if (weightUsed === 0) return undefined;
  inputs.weightUsed = weightUsed;
  return {
    criterionId: criterion.id,
    label: criterion.label,
    schemeVersion,
    maxPoints: criterion.maxPoints,
    points: roundPoints((criterion.maxPoints * weighted) / (weightUsed * 100)),
    source: 'democratic',
    rule: DEMOCRATIC_RULE,
    inputs,
    sourceEventIds: [],
  };
}
