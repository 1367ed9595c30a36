export * from './reward-feature.module';
export * from './integration/reward-relay.mapping';
export * from './statistics/index';
export * from './statistics/statistics-reader';
export * from './projections/views';
