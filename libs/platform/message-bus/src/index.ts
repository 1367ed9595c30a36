export * from './types';
export * from './type-filter';
export * from './dead-letter';
export * from './consumer-runner';
export * from './cloud-event-from';
export * from './relay';
export * from './partitioner';
