export * from './appraisal-feature.module';
export * from './streams';
export * from './projections/facts.views';
