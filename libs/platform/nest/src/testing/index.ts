export * from './token-factory';
export * from './service-process';
