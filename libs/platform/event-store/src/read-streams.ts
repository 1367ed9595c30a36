import type { EventStore, RecordedEvent } from './types';

/**
 * Several streams' events, by stream (each in revision order; streams with no events are absent):
 * one read where the engine has `readStreams`, else one `readStream` per stream.
 */
export async function readStreamsOf(store: EventStore, streams: Iterable<string>): Promise<Map<string, RecordedEvent[]>> {
  const names = [...new Set(streams)];
  const byStream = new Map<string, RecordedEvent[]>();
  if (!names.length) return byStream;
  if (store.readStreams) {
    for (const event of await store.readStreams(names)) {
      const list = byStream.get(event.stream);
      if (list) list.push(event);
      else byStream.set(event.stream, [event]);
    }
    return byStream;
  }
  for (const name of names) {
    const events = await store.readStream(name);
    if (events.length) byStream.set(name, events);
  }
  return byStream;
}
