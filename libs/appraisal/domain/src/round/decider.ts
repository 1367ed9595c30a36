import { decideRound } from './decide';
import { evolveRound } from './evolve';
import { initialRoundState } from './state';

/** The appraisal round aggregate (one stream per bureau, year and half). */
export const roundDecider = { decide: decideRound, evolve: evolveRound, initialState: initialRoundState };
