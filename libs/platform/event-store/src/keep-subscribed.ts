import { backoffDelay, sleep } from '@pledgebook/util';
import type { Subscription } from './types';

export interface KeepSubscribedOptions {
  signal: AbortSignal;
  onError?(error: unknown): void;
  /** Backoff after failures: starts at baseMs, doubles up to maxMs. */
  baseMs?: number;
  maxMs?: number;
}

/**
 * Keeps a subscription alive until `signal` aborts: opens it, waits for it to end, and on a
 * failure (handler error, store unavailable) reopens it after an exponential backoff. Each
 * opening reads its own checkpoint, so work resumes where it was last committed.
 */
export function keepSubscribed(
  open: () => Promise<Subscription>,
  options: KeepSubscribedOptions,
): { current(): Subscription | undefined; done: Promise<void> } {
  let subscription: Subscription | undefined;
  const done = (async () => {
    for (let failures = 0; !options.signal.aborted; ) {
      try {
        subscription = await open();
        await subscription.done;
        failures = 0;
      } catch (error) {
        if (options.signal.aborted) return;
        failures += 1;
        options.onError?.(error);
        await sleep(backoffDelay(failures, options.baseMs ?? 200, options.maxMs ?? 10_000), options.signal);
      }
    }
  })();
  return { current: () => subscription, done };
}
