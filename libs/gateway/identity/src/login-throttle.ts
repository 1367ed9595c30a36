/** Failed-login state of one account. */
export interface ThrottleState {
  failures: number;
  /** ISO time until which logins are refused, if locked. */
  lockedUntil?: string;
}

export const THROTTLE = {
  /** Failures answered at once; later ones are slowed down. */
  freeFailures: 3,
  /** After this many consecutive failures the account is locked. */
  lockAfter: 10,
  lockMinutes: 15,
  maxDelayMs: 8_000,
} as const;

/** How long to hold back the answer to a failed attempt (doubling after the free ones). */
export function delayAfterFailure(failures: number): number {
  if (failures <= THROTTLE.freeFailures) return 0;
  return Math.min(THROTTLE.maxDelayMs, 500 * 2 ** (failures - THROTTLE.freeFailures - 1));
}

export function isLocked(state: ThrottleState, now: Date): boolean {
  return state.lockedUntil !== undefined && state.lockedUntil > now.toISOString();
}

/**
 * When a lock that starts now ends. The store counts failures atomically (concurrent attempts
 * each count) and sets this once the count reaches THROTTLE.lockAfter.
 */
export function lockExpiry(now: Date): string {
  return new Date(now.getTime() + THROTTLE.lockMinutes * 60_000).toISOString();
}

export const afterSuccess = (): ThrottleState => ({ failures: 0 });
