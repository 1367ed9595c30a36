import { decideScheme } from './decide';
import { evolveScheme } from './evolve';
import { initialSchemeState } from './state';

/** The scheme aggregate for the generic command handler (one stream per bureau, year and version). */
export const schemeDecider = { decide: decideScheme, evolve: evolveScheme, initialState: initialSchemeState };
