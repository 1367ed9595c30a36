export * from './mentions';
export * from './index-keys';
export * from './checkpoint';
export * from './access';
export * from './bundle-format';
export * from './audit-log';
export * from './redaction';
export * from './detached-jws';
