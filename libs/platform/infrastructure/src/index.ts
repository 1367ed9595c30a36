export * from './open-event-store';
export * from './open-message-bus';
export * from './open-read-model-store';
export * from './open-blob-store';
