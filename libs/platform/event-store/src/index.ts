export * from './types';
export * from './errors';
export * from './expected-revision';
export * from './hash-chain';
export * from './event-filter';
export * from './validate-append';
export * from './upcasting';
export * from './polling-subscription';
