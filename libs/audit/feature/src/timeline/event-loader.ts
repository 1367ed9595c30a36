import type { EventStore, RecordedEvent } from '@pledgebook/event-store';

/** Below this share of wanted events in a stream's revision range, events are read one by one. */
const DENSE = 0.25;

/**
 * Reads the events an index page points at from the store: a stream's wanted revisions in one
 * read when they lie close together (an aggregate's own stream), one by one when they are sparse
 * (a bureau's shared stream). Returned in the order asked.
 */
export async function loadEvents(store: EventStore, pointers: readonly { stream: string; revision: number; position: number }[]): Promise<RecordedEvent[]> {
  const byStream = new Map<string, number[]>();
  for (const p of pointers) byStream.set(p.stream, [...(byStream.get(p.stream) ?? []), p.revision]);
  const found = new Map<string, RecordedEvent>();
  for (const [stream, revisions] of byStream) {
    const min = Math.min(...revisions);
    const max = Math.max(...revisions);
    const span = max - min + 1;
    if (revisions.length / span >= DENSE) {
      for (const event of await store.readStream(stream, { from: min, maxCount: span })) found.set(`${stream}#${event.revision}`, event);
    } else {
      for (const revision of revisions) {
        const [event] = await store.readStream(stream, { from: revision, maxCount: 1 });
        if (event) found.set(`${stream}#${event.revision}`, event);
      }
    }
  }
  // An entry whose event is gone from the store (or moved) is left out: the verify routes report such damage.
  const events: RecordedEvent[] = [];
  for (const p of pointers) {
    const event = found.get(`${p.stream}#${p.revision}`);
    if (event && event.position === p.position) events.push(event);
  }
  return events;
}
