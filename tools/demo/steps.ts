// What every demo script does between its requests: wait for the services to catch up, skip
// what an earlier run already did, and know today's date where the bureau is.
import { ApiError } from './api-client';

/** Reads again until `done` holds (a failed read counts as not yet), or fails naming `what` after `ms`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  for (let waited = 0; ; waited += 100) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (waited > ms) throw new Error(`demo: ${what} did not happen within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A conflict means an earlier run did it already. */
export async function once<T>(step: Promise<T>): Promise<T | undefined> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return undefined;
    throw error;
  }
}

/** Today in China Standard Time, as the bureau dates things. */
export const localToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
