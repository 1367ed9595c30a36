export * from './verify-bundle';
