export * from './cloud-event';
export * from './topics';
export * from './json-schema';
export * from './envelope.schema';
export * from './contract-registry';
export * from './asyncapi';
export * from './catalog';
export * from './asyncapi-document';
