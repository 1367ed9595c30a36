import { Relay, runConsumer, type BusMessage } from '@pledgebook/message-bus';
import { testContracts } from '@pledgebook/message-bus/testing';
import type { EventStore } from '@pledgebook/event-store';
import { testEvents } from '@pledgebook/event-store/testing';
import { applyOnce } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from './open-event-store';
import { openMessageBus } from './open-message-bus';
import { openReadModelStore } from './open-read-model-store';
import { exited, runScript, waitForLine } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-relay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const eventStoreUrl = `sqlite:${join(dir, 'eventstore.db')}`;
const busUrl = `sqlite:${join(dir, 'bus.db')}`;

describe('relay', () => {
  async function setUp(prefix: string, topic: string) {
    const store = await openEventStore(eventStoreUrl);
    const bus = await openMessageBus(busUrl);
    const views = await openReadModelStore(`sqlite:${join(dir, `views-${prefix}.db`)}`);
    const delivered: BusMessage[] = [];
    const counter = { applied: 0 };
    const consumer = await runConsumer(bus, { groupId: `relay-test-${prefix}`, topics: [topic], contracts: testContracts() }, async (event, message) => {
      delivered.push(message);
      if (await applyOnce(views, 'relay-test', event.id, async () => undefined)) counter.applied += 1;
    });
    const waitForApplied = async (total: number) => {
      for (let waited = 0; counter.applied < total && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    };
    const close = async () => {
      await consumer.stop();
      await Promise.all([store.close(), bus.close(), views.close()]);
    };
    return { store, delivered, counter, waitForApplied, close };
  }

  /** Every event arrived, in stream order per key (first deliveries), whatever was duplicated. */
  async function expectComplete(store: EventStore, delivered: BusMessage[], prefix: string, total: number) {
    const all = (await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: total + 1 })).events;
    expect(all).toHaveLength(total);
    expect([...new Set(delivered.map((m) => m.value.id))].sort()).toEqual(all.map((e) => e.id).sort());
    const firstSeen = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const m of delivered) {
      if (seen.has(m.value.id)) continue;
      seen.add(m.value.id);
      firstSeen.set(m.key, [...(firstSeen.get(m.key) ?? []), m.value.streamrevision]);
    }
    for (const [stream, revisions] of firstSeen) {
      expect(revisions).toEqual(all.filter((e) => e.stream === stream).map((e) => e.revision));
    }
  }

  it('republishes after a crash between publish and checkpoint, and the inbox applies each event once', async () => {
    const prefix = `crash${newId().slice(-8)}-`;
    const topic = `pledgebook.test.${newId()}`;
    const { store, delivered, counter, waitForApplied, close } = await setUp(prefix, topic);
    for (let i = 0; i < 10; i++) await store.append(`${prefix}${i}`, testEvents(30));
    const total = 300;

    const crashing = runScript('relay.script.ts', [eventStoreUrl, busUrl, prefix, topic, '3']);
    expect(await exited(crashing)).toBeNull(); // killed by its own SIGKILL after the 3rd publish
    const relay = runScript('relay.script.ts', [eventStoreUrl, busUrl, prefix, topic]);
    await waitForApplied(total);
    relay.kill('SIGTERM');
    await exited(relay);

    expect(delivered.length).toBeGreaterThan(total); // the crashed batch went out twice
    expect(counter.applied).toBe(total);
    await expectComplete(store, delivered, prefix, total);
    await close();
  }, 60_000);

  it('loses nothing when the relay process is killed at random moments while events keep coming', async () => {
    const prefix = `kill${newId().slice(-8)}-`;
    const topic = `pledgebook.test.${newId()}`;
    const { store, delivered, counter, waitForApplied, close } = await setUp(prefix, topic);
    let writing = true;
    let total = 0;
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        await store.append(`${prefix}${n % 15}`, testEvents(4));
        total += 4;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    for (let kill = 0; kill < 5; kill++) {
      const relay = runScript('relay.script.ts', [eventStoreUrl, busUrl, prefix, topic]);
      await waitForLine(relay, 'relaying');
      await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 120)));
      relay.kill('SIGKILL');
      await exited(relay);
    }
    writing = false;
    await writer;
    const relay = runScript('relay.script.ts', [eventStoreUrl, busUrl, prefix, topic]);
    await waitForApplied(total);
    relay.kill('SIGTERM');
    await exited(relay);

    expect(counter.applied).toBe(total);
    await expectComplete(store, delivered, prefix, total);
    await close();
  }, 90_000);

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
