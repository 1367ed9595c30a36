export * from './kafka-message-bus';
export * from './kafka-url';
export type { LogSink } from './kafka-log';
