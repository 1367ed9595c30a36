export * from './reward-feature.module';
export * from './streams';
export * from './integration/reward-relay.mapping';
export * from './statistics/statistics.projection';
export * from './statistics/statistics.views';
export * from './statistics/statistics-facts';
export * from './statistics/statistics-reader';
export * from './projections/views';
