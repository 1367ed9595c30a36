import 'reflect-metadata';

export * from './service-config';
export * from './tokens';
export * from './infrastructure.module';
export * from './health.controller';
export * from './bootstrap';
export * from './run-service';
