/** Time comes in from the edges; domain code never reads the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and replays that returns the times it is given. */
export function fixedClock(start: Date | string, stepMs = 0): Clock & { set(at: Date | string): void } {
  let current = new Date(start).getTime();
  return {
    now() {
      const at = new Date(current);
      current += stepMs;
      return at;
    },
    set(at) {
      current = new Date(at).getTime();
    },
  };
}
