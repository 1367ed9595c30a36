import { sleep } from '@pledgebook/util';

/**
 * The delivery scheduler's time: when retries fall due and when the horizon passes. Injectable,
 * so a day of retries can be run in seconds (tests, drills); signatures always carry wall-clock time.
 */
export interface SchedulerClock {
  now(): number;
  /** Waits until `atMs` (scheduler time) or at most `maxRealMs` of real time, whichever is first. */
  waitUntil(atMs: number, maxRealMs: number, signal?: AbortSignal): Promise<void>;
}

export const systemSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  waitUntil: (atMs, maxRealMs, signal) => sleep(Math.max(0, Math.min(atMs - Date.now(), maxRealMs)), signal),
};

/** Scheduler time running `rate` times faster than real time from now on (rate 1: the system clock). */
export function acceleratedClock(rate: number, realNow: () => number = Date.now): SchedulerClock {
  if (rate === 1) return systemSchedulerClock;
  const start = realNow();
  const now = () => start + (realNow() - start) * rate;
  return {
    now,
    waitUntil: (atMs, maxRealMs, signal) => sleep(Math.max(0, Math.min((atMs - now()) / rate, maxRealMs)), signal),
  };
}

/** A clock that moves only when told (unit tests): waits end when the time is advanced past them. */
export function manualClock(startMs: number): SchedulerClock & { advance(ms: number): void; set(ms: number): void } {
  let current = startMs;
  const waiters = new Set<{ at: number; resolve: () => void }>();
  const wake = () => {
    for (const w of [...waiters]) if (w.at <= current) {
      waiters.delete(w);
      w.resolve();
    }
  };
  return {
    now: () => current,
    waitUntil: (atMs, maxRealMs, signal) =>
      new Promise<void>((resolve) => {
        const waiter = { at: atMs, resolve: () => { clearTimeout(timer); resolve(); } };
        const timer = setTimeout(() => { waiters.delete(waiter); resolve(); }, maxRealMs);
        signal?.addEventListener('abort', () => waiter.resolve(), { once: true });
        waiters.add(waiter);
        wake();
      }),
    advance(ms) {
      current += ms;
      wake();
    },
    set(ms) {
      current = ms;
      wake();
    },
  };
}
