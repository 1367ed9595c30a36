// The audit context without Nest: what tools and tests use in-process (Nest itself loads as ESM only).
export * from './index/audit-index.projection';
export * from './index/audit-index.reader';
export * from './index/audit-index.views';
export * from './checkpoints/checkpoint.service';
export * from './evidence/signer';
export * from './evidence/evidence-bundle.writer';
export * from './evidence/export-scope';
export * from './audit-log/audit-log.recorder';
export * from './retention/audit-log-retention';
export * from './timeline/folders';
export * from './timeline/event-loader';
export * from './timeline/timeline.service';
