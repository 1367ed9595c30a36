import { decideMonthlyCheck } from './decide';
import { evolveMonthlyCheck } from './evolve';
import { initialMonthlyCheckState } from './state';

/** The monthly check aggregate (one stream per bureau, party group and month). */
export const monthlyCheckDecider = { decide: decideMonthlyCheck, evolve: evolveMonthlyCheck, initialState: initialMonthlyCheckState };
