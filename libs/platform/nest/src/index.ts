import 'reflect-metadata';

export * from './service-config';
export * from './tokens';
export * from './infrastructure.module';
export * from './service-platform.module';
export * from './health.controller';
export * from './bootstrap';
export * from './run-service';
export * from './http/problem';
export * from './http/zod-body.pipe';
export * from './http/etag';
export * from './http/problem-details.filter';
export * from './http/idempotency.interceptor';
export * from './http/api-docs';
export * from './auth/principal';
export * from './auth/token-verifier';
export * from './auth/auth.guard';
export * from './auth/access';
