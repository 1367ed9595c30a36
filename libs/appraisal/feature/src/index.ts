export * from './appraisal-feature.module';
export * from './streams';
export * from './projections/facts.views';
export * from './views/names';
export { mapAppraisalEvent } from './integration/appraisal-relay.mapping';
