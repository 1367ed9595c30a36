import { decideDispatch } from './decide';
import { evolveDispatch, initialDispatchState } from './state';

/** The quarterly dispatch aggregate (one stream per bureau, branch, year and quarter). */
export const dispatchDecider = { decide: decideDispatch, evolve: evolveDispatch, initialState: initialDispatchState };
