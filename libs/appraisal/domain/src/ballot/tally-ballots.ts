import { emptyRatingCounts, type Rating, type RatingCounts } from '../shared/ratings';

/** The masses' ballots counted per member, for RecordMassesTally: only counts leave this function. */
export function tallyBallots(ballots: ReadonlyArray<{ ratings: ReadonlyArray<{ memberId: string; rating: Rating }> }>): { ballots: number; tallies: Array<{ memberId: string; counts: RatingCounts }> } {
  const counts = new Map<string, RatingCounts>();
  for (const ballot of ballots) {
    for (const { memberId, rating } of ballot.ratings) {
      const c = counts.get(memberId) ?? emptyRatingCounts();
      c[rating] += 1;
      counts.set(memberId, c);
    }
  }
  return { ballots: ballots.length, tallies: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([memberId, c]) => ({ memberId, counts: c })) };
}
