import { decideTalk } from './decide';
import { evolveTalk, initialTalkState } from './state';

/** The reminder talk aggregate (one stream per talk id). */
export const talkDecider = { decide: decideTalk, evolve: evolveTalk, initialState: initialTalkState };
