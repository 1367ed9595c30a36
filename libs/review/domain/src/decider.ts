import type { ReviewCommand } from './commands';
import { decideReview } from './decide';
import type { ReviewEvent } from './events';
import { evolveReview } from './evolve';
import { initialReviewState, type ReviewState } from './state';

/** A pledge's review as a decider: the one write path runs every review command through it. */
export const reviewDecider = {
  decide: (command: ReviewCommand, state: ReviewState): ReviewEvent[] => decideReview(command, state),
  evolve: evolveReview,
  initialState: (): ReviewState => initialReviewState(),
};
