export * from './sqlite-read-model-store';
export type { QueryPlan } from './sqlite-collection';
