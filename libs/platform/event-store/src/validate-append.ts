import { canonicalJson, isUuid } from '@pledgebook/util';
import { InvalidAppend } from './errors';
import type { ExpectedRevision, NewEvent } from './types';

const REQUIRED_METADATA = ['bureauId', 'actorId', 'actorRole', 'correlationId', 'causationId'] as const;
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

/** Rejects malformed appends before any I/O, so a bad call never writes anything. */
export function validateAppend(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (!STREAM_NAME.test(stream)) throw new InvalidAppend(`invalid stream name "${stream}"`, { stream });
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < -1)) {
    throw new InvalidAppend(`invalid expected revision ${expected}`, { expected });
  }
  if (events.length === 0) throw new InvalidAppend('nothing to append', { stream });
  const seen = new Set<string>();
  for (const [index, event] of events.entries()) {
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
      throw new InvalidAppend(`event ${index}: type must be a non-empty string`, { index });
    }
    if (event.id !== undefined) {
      if (!isUuid(event.id)) throw new InvalidAppend(`event ${index}: id must be a UUID`, { index });
      if (seen.has(event.id)) throw new InvalidAppend(`event ${index}: id repeated in one append`, { index });
      seen.add(event.id);
    }
    if (event.schemaVersion !== undefined && (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1)) {
      throw new InvalidAppend(`event ${index}: schemaVersion must be a positive integer`, { index });
    }
    for (const key of REQUIRED_METADATA) {
      if (typeof event.metadata?.[key] !== 'string' || event.metadata[key].length === 0) {
        throw new InvalidAppend(`event ${index}: metadata.${key} is required`, { index, field: `metadata.${key}` });
      }
    }
    if (event.data === undefined) throw new InvalidAppend(`event ${index}: data is required`, { index });
  }
}

/** Canonical JSON of an event's payload, or InvalidAppend naming the event when it is not JSON. */
export function canonicalPayload(index: number, part: 'data' | 'metadata', value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (error) {
    throw new InvalidAppend(`event ${index}: ${part} is not JSON (${(error as Error).message})`, { index, field: part });
  }
}
