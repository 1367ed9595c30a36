export * from './types';
export * from './cursor';
export * from './revision-guard';
export * from './projection';
export * from './projection-runner';
export * from './inbox';
export * from './lease';
export * from './find-all';
