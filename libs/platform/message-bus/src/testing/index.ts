export * from './fixtures';
export * from './message-bus.contract';
