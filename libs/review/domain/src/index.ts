export * from './types';
export * from './events';
export * from './commands';
export * from './state';
export * from './evolve';
export * from './decide';
export * from './publication';
export * from './who-decides';
