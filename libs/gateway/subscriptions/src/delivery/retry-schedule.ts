import { backoffDelay } from '@pledgebook/util';
import type { RetryState } from '../model/subscription';

export interface RetrySchedule {
  /** Retries stop this long after the first failed attempt (default 24 hours). */
  horizonMs: number;
  /** The first retry comes after about this long, then twice as long each time (default 5 s)... */
  baseMs: number;
  /** ...up to this long between attempts (default 1 hour). */
  maxMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { horizonMs: 24 * 3_600_000, baseMs: 5_000, maxMs: 3_600_000 };

export type AfterFailure = { kind: 'retry'; retry: RetryState } | { kind: 'give-up'; reason: string };

/**
 * What follows a failed attempt: another attempt after an exponential delay with jitter (half to
 * all of the step; a receiver's Retry-After when longer), the last one exactly at the horizon; past
 * the horizon, or on 410 Gone, the delivery is given up (parked, and the subscription paused).
 */
export function afterFailure(
  previous: RetryState | undefined,
  eventId: string,
  nowMs: number,
  schedule: RetrySchedule,
  failure: { gone?: boolean; retryAfterMs?: number } = {},
  random: () => number = Math.random,
): AfterFailure {
  const attempts = (previous?.eventId === eventId ? previous.attempts : 0) + 1;
  const firstFailureAt = previous?.eventId === eventId ? previous.firstFailureAt : nowMs;
  if (failure.gone) return { kind: 'give-up', reason: 'the receiver answered 410 Gone' };
  if (nowMs - firstFailureAt >= schedule.horizonMs) {
    return { kind: 'give-up', reason: `still failing ${Math.round((nowMs - firstFailureAt) / 60_000)} minutes after the first failure (${attempts} attempts)` };
  }
  let delay = backoffDelay(attempts, schedule.baseMs, schedule.maxMs, random);
  if (failure.retryAfterMs !== undefined) delay = Math.max(delay, Math.min(failure.retryAfterMs, schedule.maxMs));
  return { kind: 'retry', retry: { eventId, attempts, firstFailureAt, nextAttemptAt: Math.min(nowMs + delay, firstFailureAt + schedule.horizonMs) } };
}
