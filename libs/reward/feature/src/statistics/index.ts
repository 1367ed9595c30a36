// The statistics read models without the framework: the projection, the replay as of a time, the views.
export * from './statistics.projection';
export * from './statistics.views';
export * from './statistics-facts';
export * from './replay';
export * from '../streams';
