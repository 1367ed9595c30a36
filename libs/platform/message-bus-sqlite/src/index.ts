export * from './sqlite-message-bus';
