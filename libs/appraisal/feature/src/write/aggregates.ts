import { ballotCodeDecider, calendarDecider, dispatchDecider, monthlyCheckDecider, roundDecider, schemeDecider, talkDecider } from '@pledgebook/appraisal-domain';
import type { AggregateKind } from '../streams';

/** Each aggregate of the context with its decider: the one write path runs any of them. */
export const DECIDERS = {
  scheme: schemeDecider,
  calendar: calendarDecider,
  check: monthlyCheckDecider,
  dispatch: dispatchDecider,
  talk: talkDecider,
  round: roundDecider,
  ballot: ballotCodeDecider,
} as const satisfies Record<AggregateKind, unknown>;

type Deciders = typeof DECIDERS;
export type CommandOf<K extends AggregateKind> = Parameters<Deciders[K]['decide']>[0];
export type StateOf<K extends AggregateKind> = ReturnType<Deciders[K]['initialState']>;
export type EventOf<K extends AggregateKind> = ReturnType<Deciders[K]['decide']>[number];
