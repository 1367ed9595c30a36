// The appraisal context's rules: pure deciders ({ decide, evolve, initialState }) and pure functions.
export * from './shared/errors';
export * from './shared/actor';
export * from './shared/dates';
export * from './shared/grades';
export * from './shared/ratings';
export * from './shared/statuses';
export { roundPoints } from './shared/points';

export * from './calendar/working-days';
export * from './calendar/calendar-decider';

export * from './scheme/formula-catalogue';
export * from './scheme/types';
export * from './scheme/research-bonus';
export * from './scheme/defaults';
export * from './scheme/example-scheme';
export * from './scheme/validate-scheme';
export * from './scheme/commands';
export * from './scheme/events';
export * from './scheme/state';
export * from './scheme/evolve';
export * from './scheme/decide';
export * from './scheme/decider';

export * from './shared/evidence';
export * from './monthly-check/types';
export * from './monthly-check/commands';
export * from './monthly-check/events';
export * from './monthly-check/state';
export * from './monthly-check/evolve';
export * from './monthly-check/decide';
export * from './monthly-check/decider';
export * from './monthly-check/status-facts';

export * from './dispatch/types';
export * from './dispatch/quarter-summary';
export * from './dispatch/commands';
export * from './dispatch/events';
export * from './dispatch/state';
export * from './dispatch/decide';
export * from './dispatch/decider';

export * from './talk/commands';
export * from './talk/events';
export * from './talk/state';
export * from './talk/decide';
export * from './talk/decider';

export * from './round/types';
export * from './round/commands';
export * from './round/events';
export * from './round/state';
export * from './round/evolve';
export * from './round/decide';
export * from './round/decider';
export * from './round/scoring/facts';
export * from './round/scoring/formulas';
export * from './round/scoring/democratic';
export * from './round/scoring/grading';
export * from './round/scoring/score-sheet';
export * from './round/scoring/stored-score';
export * from './round/scoring/research-bonus';
export * from './round/scoring/round-grading';
export * from './round/what-if';
export * from './round/explain';

export * from './ballot/ballot-code';
export * from './ballot/tally-ballots';

export * from './integration/domain-events';
export * from './integration/integration-events';
export * from './integration/to-integration-event';
