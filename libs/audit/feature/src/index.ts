export * from './core';
export * from './audit-runtime';
export * from './audit.module';
