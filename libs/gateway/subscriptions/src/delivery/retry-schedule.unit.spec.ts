import { afterFailure, DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule';
import type { RetryState } from '../model/subscription';

/** Fails every attempt from `start` and returns the attempt times until the delivery is given up. */
function failUntilGivenUp(schedule: RetrySchedule, random: () => number, start = 0) {
  const times: number[] = [];
  let state: RetryState | undefined;
  for (let now = start; ; ) {
    times.push(now);
    const next = afterFailure(state, 'e1', now, schedule, {}, random);
    if (next.kind === 'give-up') return { times, reason: next.reason };
    state = next.retry;
    now = state.nextAttemptAt;
  }
}

describe('the retry schedule', () => {
  it('backs off exponentially with jitter up to an hour, for 24 hours, the last attempt at the horizon', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999]) {
      const { times, reason } = failUntilGivenUp(DEFAULT_RETRY_SCHEDULE, random);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(gaps[0]).toBeGreaterThanOrEqual(2_500);
      expect(gaps[0]).toBeLessThanOrEqual(5_000);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(3_600_000);
      for (let i = 1; i < 8; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]! * (random() === 0 ? 1.9 : 1));
      expect(times.at(-1)).toBe(24 * 3_600_000);
      expect(times.length).toBeGreaterThan(20);
      expect(reason).toMatch(/1440 minutes after the first failure/);
    }
  });

  it('spreads retries with jitter, waits at least what Retry-After asks, and gives up at once on 410 Gone', () => {
    const a = afterFailure(undefined, 'e1', 0, DEFAULT_RETRY_SCHEDULE, {}, () => 0.1);
    const b = afterFailure(undefined, 'e1', 0, DEFAULT_RETRY_SCHEDULE, {}, () => 0.9);
    expect(a.kind === 'retry' && b.kind === 'retry' && a.retry.nextAttemptAt !== b.retry.nextAttemptAt).toBe(true);
    const later = afterFailure(undefined, 'e1', 0, DEFAULT_RETRY_SCHEDULE, { retryAfterMs: 120_000 }, () => 0.5);
    expect(later).toMatchObject({ kind: 'retry', retry: { nextAttemptAt: 120_000 } });
    expect(afterFailure(undefined, 'e1', 0, DEFAULT_RETRY_SCHEDULE, { gone: true })).toMatchObject({ kind: 'give-up', reason: 'the receiver answered 410 Gone' });
  });

  it('starts counting again for another event', () => {
    const next = afterFailure({ eventId: 'e1', attempts: 7, firstFailureAt: 0, nextAttemptAt: 10 }, 'e2', 5_000_000, DEFAULT_RETRY_SCHEDULE, {}, () => 0);
    expect(next).toMatchObject({ kind: 'retry', retry: { eventId: 'e2', attempts: 1, firstFailureAt: 5_000_000 } });
  });
});
