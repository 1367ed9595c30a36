import {
  DuplicateEventId,
  expectationMetAt,
  WrongExpectedRevision,
  type AppendResult,
  type ExpectedRevision,
  type RecordedEvent,
} from '@pledgebook/event-store';

/**
 * If `placed` (events in revision order) holds exactly the ids of this append, where the
 * expectation would have put them, the append was made before: repeating it is a no-op.
 */
export function repeatedAt(placed: readonly RecordedEvent[], ids: readonly string[], expected: ExpectedRevision): AppendResult | undefined {
  if (placed.length !== ids.length || !placed.every((e, i) => e.id === ids[i])) return undefined;
  if (!expectationMetAt(expected, placed[0]!.revision)) return undefined;
  const last = placed[placed.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position, idempotent: true };
}

/**
 * Where this append's ids already sit in the stream (`found`: those events, any order). None:
 * undefined, the append goes ahead. All of them, consecutively and where the expectation allows:
 * the append was made before. Anything else is a typed error, as the embedded store gives.
 */
export function earlierAppend(
  stream: string,
  found: readonly RecordedEvent[],
  ids: readonly string[],
  expected: ExpectedRevision,
  head: number | undefined,
): AppendResult | undefined {
  if (found.length === 0) return undefined;
  const byId = new Map(found.map((e) => [e.id, e]));
  const first = byId.get(ids[0]!);
  for (const [index, id] of ids.entries()) {
    const event = byId.get(id);
    if (!first || !event || event.revision !== first.revision + index) {
      const existing = event ?? found[0]!;
      throw new DuplicateEventId(event ? id : existing.id, existing.stream, existing.revision);
    }
  }
  if (!expectationMetAt(expected, first!.revision)) throw new WrongExpectedRevision(stream, expected, head ?? 'no_stream');
  const last = byId.get(ids[ids.length - 1]!)!;
  return { nextExpectedRevision: last.revision, position: last.position, idempotent: true };
}

/** The server refused our exact revision because another writer got in first: worth another try. */
export class LostRace extends Error {
  constructor(readonly conflict: WrongExpectedRevision) {
    super(conflict.message);
  }
}

/**
 * Retries an append that lost a race (`any`, `stream_exists`) up to `retries` more times. Any
 * other failure, including an expectation that does not hold (`stream_exists` on a missing
 * stream), is final at once.
 */
export async function retryLostRaces<T>(attempt: () => Promise<T>, retries: number): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      if (tries >= retries) throw error.conflict;
    }
  }
}
