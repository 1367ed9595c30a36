export * from './token-factory';
