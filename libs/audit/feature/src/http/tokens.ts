export const AUDIT_INDEX = Symbol('AuditIndex');
export const TIMELINES = Symbol('TimelineService');
export const AUDIT_ACCESS = Symbol('AuditAccess');
export const AUDIT_RUNTIME = Symbol('AuditRuntime');
export const CHECKPOINTS = Symbol('CheckpointService');
export const BUNDLES = Symbol('EvidenceBundleWriter');
export const AUDIT_EVENTS = Symbol('AuditEventStore');
export const AUDIT_SIGNER = Symbol('EvidenceSigner');
