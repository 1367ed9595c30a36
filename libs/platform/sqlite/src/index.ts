export * from './open-database';
export * from './change-notifier';
export * from './async-transaction';
