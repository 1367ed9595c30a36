export * from './kafka-message-bus';
export * from './kafka-url';
