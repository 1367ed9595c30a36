import type { EventFilter, RecordedEvent } from './types';

export function matchesFilter(event: Pick<RecordedEvent, 'stream' | 'type'>, filter?: EventFilter): boolean {
  if (!filter) return true;
  if (filter.eventTypes && filter.eventTypes.length > 0 && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes && filter.streamPrefixes.length > 0) {
    return filter.streamPrefixes.some((prefix) => event.stream.startsWith(prefix));
  }
  return true;
}
