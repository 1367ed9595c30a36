export * from './evidence-files';
export * from './evidence-ref';
export * from './evidence-storage.module';
export * from './media-types';
