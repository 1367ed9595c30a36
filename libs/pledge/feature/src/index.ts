export * from './pledge-feature.module';
export * from './streams';
export * from './integration/pledge-relay.mapping';
export * from './integration/review-decisions.consumer';
export * from './projections/pledges.projection';
export * from './projections/directory.projection';
