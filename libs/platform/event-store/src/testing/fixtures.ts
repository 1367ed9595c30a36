import { newId } from '@pledgebook/util';
import type { EventMetadata, NewEvent } from '../types';

export function testMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    bureauId: 'bureau-test',
    actorId: 'member-1',
    actorRole: 'member',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    ...overrides,
  };
}

export function testEvent(type = 'ThingHappened', data: unknown = { n: 1 }, overrides: Partial<NewEvent> = {}): NewEvent {
  return { id: newId(), type, data, metadata: testMetadata(), ...overrides };
}

export function testEvents(count: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => testEvent(type, { n }));
}

/** A stream name unique to this test run, so suites can share one store. */
export function uniqueStream(prefix = 'test'): string {
  return `${prefix}-${newId()}`;
}
