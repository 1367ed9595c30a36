export * from './review-feature.module';
export * from './streams';
export * from './integration/review-relay.mapping';
export * from './integration/pledge-events';
