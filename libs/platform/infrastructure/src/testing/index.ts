export * from './child-process';
export * from './event-store-harness';
export * from './distributed';
export * from './message-bus-harness';
export * from './kill-suites';
export * from './blob-content';
export * from './blob-kill';
