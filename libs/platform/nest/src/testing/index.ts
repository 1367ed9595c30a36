export * from './token-factory';
export * from './service-process';
export { ACCESS_DENIALS, type AccessDenial } from '../observability/access-denial';
