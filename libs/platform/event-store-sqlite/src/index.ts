export * from './sqlite-event-store';
export * from './open-database';
export * from './change-notifier';
