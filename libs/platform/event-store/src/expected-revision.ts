import { WrongExpectedRevision, type ActualRevision } from './errors';
import type { ExpectedRevision } from './types';

/** Throws WrongExpectedRevision unless the stream's actual state satisfies the expectation. */
export function assertExpectedRevision(stream: string, expected: ExpectedRevision, actual: ActualRevision): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'number' && expected === actual);
  if (!ok) throw new WrongExpectedRevision(stream, expected, actual);
}

/**
 * Whether an earlier append that put these events at `firstRevision` satisfies the expectation,
 * so that repeating it is a no-op rather than a conflict.
 */
export function expectationMetAt(expected: ExpectedRevision, firstRevision: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return firstRevision === 0;
  if (expected === 'stream_exists') return firstRevision > 0;
  return expected === firstRevision - 1;
}
