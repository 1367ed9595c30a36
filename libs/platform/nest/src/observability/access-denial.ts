// Framework-free, so tests can read the records.

/** One refused request: who, what, when, why (DESIGN.md §2 "Identity and access"). */
export interface AccessDenial {
  _id: string;
  at: string;
  service: string;
  status: 401 | 403;
  /** The caller, when a token was verified (absent on 401s). */
  subject?: string;
  bureauId?: string;
  roles?: string[];
  method: string;
  path: string;
  why: string;
  correlationId?: string;
  [field: string]: unknown;
}

/** Where denials are kept besides the log. */
export interface AccessDenialSink {
  record(denial: AccessDenial): Promise<void>;
}

export const ACCESS_DENIAL_SINK = Symbol('AccessDenialSink');
export const OBSERVED_SERVICE = Symbol('ObservedService');
/** The read-model collection a service keeps its denials in. */
export const ACCESS_DENIALS = 'access_denials';
