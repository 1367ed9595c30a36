import type { EventStore, ReadAllResult, RecordedEvent, SubscriptionHandler } from './types';

/** Lifts the data of one event type from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown, event: RecordedEvent): unknown;
}

/**
 * Applies upcasters in version order until no further one matches, so readers only ever see
 * the newest shape. Stored bytes (and so the hash chain) are never touched.
 */
export function upcastEvent(event: RecordedEvent, upcasters: ReadonlyMap<string, Upcaster>): RecordedEvent {
  let current = event;
  for (;;) {
    const next = upcasters.get(`${current.type}@${current.schemaVersion}`);
    if (!next) return current;
    current = { ...current, data: next.upcast(current.data, current), schemaVersion: current.schemaVersion + 1 };
  }
}

/** Wraps a store so every read passes through the upcasters. */
export function withUpcasting(store: EventStore, upcasters: readonly Upcaster[]): EventStore {
  const byKey = new Map(upcasters.map((u) => [`${u.type}@${u.fromVersion}`, u]));
  const lift = (events: RecordedEvent[]) => events.map((e) => upcastEvent(e, byKey));
  const readStreams = store.readStreams?.bind(store);
  return {
    append: (stream, events, options) => store.append(stream, events, options),
    readStream: async (stream, options) => lift(await store.readStream(stream, options)),
    ...(readStreams ? { readStreams: async (streams: readonly string[]) => lift(await readStreams(streams)) } : {}),
    streamRevision: (stream) => store.streamRevision(stream),
    readAll: async (options): Promise<ReadAllResult> => {
      const result = await store.readAll(options);
      return { ...result, events: lift(result.events) };
    },
    subscribeAll: (options, handler: SubscriptionHandler) =>
      store.subscribeAll(options, (events, checkpoint) => handler(lift(events), checkpoint)),
    verifyStream: (stream) => store.verifyStream(stream),
    headPosition: () => store.headPosition(),
    loadCheckpoint: (name) => store.loadCheckpoint(name),
    storeCheckpoint: (name, position) => store.storeCheckpoint(name, position),
    close: () => store.close(),
  };
}
