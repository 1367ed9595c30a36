import { Relay } from '@pledgebook/message-bus';
import { testContracts } from '@pledgebook/message-bus/testing';
import { testEvents } from '@pledgebook/event-store/testing';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from './open-event-store';
import { openMessageBus } from './open-message-bus';
import { openReadModelStore } from './open-read-model-store';
import { consumerKillSuite, relayKillSuite } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-relay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const eventStoreUrl = `sqlite:${join(dir, 'eventstore.db')}`;
const busUrl = `sqlite:${join(dir, 'bus.db')}`;

// The same kill tests run against the distributed adapters in relay.kafka.int.spec.ts.
relayKillSuite('sqlite', { eventStoreUrl, busUrl, openViews: (name) => openReadModelStore(`sqlite:${join(dir, `views-${name}.db`)}`) });
consumerKillSuite('sqlite', busUrl);

describe('relay', () => {
  it('publishes nothing and keeps its checkpoint when an event breaks its contract', async () => {
    const store = await openEventStore(eventStoreUrl);
    const bus = await openMessageBus(busUrl);
    const prefix = `bad${newId().slice(-8)}-`;
    await store.append(`${prefix}1`, testEvents(1));
    const errors: unknown[] = [];
    const relay = new Relay(store, bus, {
      name: `bad-${prefix}`,
      filter: { streamPrefixes: [prefix] },
      contracts: testContracts(),
      map: (event) => [{ topic: 'pledgebook.test.bad', key: event.stream, value: { id: event.id } as never }],
      onError: (error) => errors.push(error),
    });
    relay.start();
    for (let i = 0; errors.length === 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
    await relay.stop();
    expect(String(errors[0])).toMatch(/ContractViolation|envelope/);
    expect(await store.loadCheckpoint(relay.checkpointName)).toBeUndefined();
    expect(await bus.browse('pledgebook.test.bad')).toEqual([]);
    await Promise.all([store.close(), bus.close()]);
  });
});
