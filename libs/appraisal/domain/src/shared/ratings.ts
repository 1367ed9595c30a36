/** The democratic evaluation's scale (民主测评: 好 / 较好 / 一般 / 差). */
export const RATINGS = ['good', 'fair', 'average', 'poor'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = { good: '好', fair: '较好', average: '一般', poor: '差' };

export type RatingCounts = Record<Rating, number>;

export const emptyRatingCounts = (): RatingCounts => ({ good: 0, fair: 0, average: 0, poor: 0 });

export const totalVotes = (counts: RatingCounts): number => RATINGS.reduce((sum, r) => sum + counts[r], 0);

export const isRating = (value: unknown): value is Rating => typeof value === 'string' && (RATINGS as readonly string[]).includes(value);

export function isRatingCounts(value: unknown): value is RatingCounts {
  if (!value || typeof value !== 'object') return false;
  const counts = value as Record<string, unknown>;
  return Object.keys(counts).every((k) => isRating(k)) && RATINGS.every((r) => Number.isInteger(counts[r]) && (counts[r] as number) >= 0);
}
