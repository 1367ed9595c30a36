import type { EventStore } from '@pledgebook/event-store';
import { testEvents } from '@pledgebook/event-store/testing';
import { runConsumer, type BusMessage } from '@pledgebook/message-bus';
import { testCloudEvent, testContracts, uniqueTopic } from '@pledgebook/message-bus/testing';
import { applyOnce, type ReadModelStore } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import { openEventStore } from '../open-event-store';
import { openMessageBus } from '../open-message-bus';
import { exited, runScript, waitForLine } from './child-process';

export interface KillSuiteTarget {
  eventStoreUrl: string;
  busUrl: string;
  /** A read-model store for the consumer's inbox, fresh for each test. */
  openViews(name: string): Promise<ReadModelStore>;
}

/** Kill tests for the relay: the event store is the outbox, so a killed relay loses nothing. */
export function relayKillSuite(name: string, target: KillSuiteTarget): void {
  describe(`${name}: relay killed`, () => {
    async function setUp(prefix: string, topic: string) {
      const store = await openEventStore(target.eventStoreUrl);
      const bus = await openMessageBus(target.busUrl);
      const views = await target.openViews(prefix);
      const delivered: BusMessage[] = [];
      const counter = { applied: 0 };
      const consumer = await runConsumer(bus, { groupId: `relay-test-${prefix}`, topics: [topic], contracts: testContracts() }, async (event, message) => {
        delivered.push(message);
        if (await applyOnce(views, 'relay-test', event.id, async () => undefined)) counter.applied += 1;
      });
      const waitForApplied = async (total: number) => {
        for (let waited = 0; counter.applied < total && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
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

      const crashing = runScript('relay.script.ts', [target.eventStoreUrl, target.busUrl, prefix, topic, '3']);
      expect(await exited(crashing)).toBeNull(); // killed by its own SIGKILL after the 3rd publish
      const relay = runScript('relay.script.ts', [target.eventStoreUrl, target.busUrl, prefix, topic]);
      await waitForApplied(total);
      relay.kill('SIGTERM');
      await exited(relay);

      expect(delivered.length).toBeGreaterThan(total); // the crashed batch went out twice
      expect(counter.applied).toBe(total);
      await expectComplete(store, delivered, prefix, total);
      await close();
    }, 90_000);

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
        const relay = runScript('relay.script.ts', [target.eventStoreUrl, target.busUrl, prefix, topic]);
        await waitForLine(relay, 'relaying');
        await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 120)));
        relay.kill('SIGKILL');
        await exited(relay);
      }
      writing = false;
      await writer;
      const relay = runScript('relay.script.ts', [target.eventStoreUrl, target.busUrl, prefix, topic]);
      await waitForApplied(total);
      relay.kill('SIGTERM');
      await exited(relay);

      expect(counter.applied).toBe(total);
      await expectComplete(store, delivered, prefix, total);
      await close();
    }, 120_000);
  });
}

/**
 * Kill test for consumers: a member killed while it works (no shutdown, no last commit) loses
 * nothing; once the group notices (session timeout), the survivor takes its partitions over
 * from their last commits.
 */
export function consumerKillSuite(name: string, busUrl: string): void {
  describe(`${name}: consumer killed`, () => {
    it('hands a killed member’s partitions to the survivor, which handles every message at least once', async () => {
      const topic = uniqueTopic();
      const groupId = newId();
      const bus = await openMessageBus(busUrl);
      const members = [0, 1].map(() => {
        const child = runScript('consumer.script.ts', [busUrl, topic, groupId]);
        const received: string[] = [];
        let buffer = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) if (line.startsWith('id ')) received.push(line.slice(3));
        });
        return { child, received, joined: waitForLine(child, 'joined') };
      });
      try {
        await Promise.all(members.map((m) => m.joined));
        const [victim, survivor] = members as [(typeof members)[0], (typeof members)[0]];
        const ids: string[] = [];
        let sequence = 0;
        const publishBatch = async () => {
          const batch = Array.from({ length: 10 }, () => {
            const n = sequence++;
            return { key: `key-${n % 23}`, value: testCloudEvent(`key-${n % 23}`, n) };
          });
          ids.push(...batch.map((m) => m.value.id));
          await bus.publish(topic, batch);
          await new Promise((r) => setTimeout(r, 50));
        };
        for (let n = 0; n < 10; n++) await publishBatch();
        // The group shares its partitions out over a heartbeat or two after both join; until
        // then one member may hold them all. Traffic keeps flowing until the victim has some.
        for (let waited = 0; victim.received.length === 0 && waited < 30_000; waited += 50) await publishBatch();
        victim.child.kill('SIGKILL');
        await exited(victim.child);
        for (let n = 0; n < 10; n++) await publishBatch();
        const handled = () => new Set([...victim.received, ...survivor.received]);
        for (let waited = 0; ids.some((id) => !handled().has(id)) && waited < 90_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
        expect(ids.filter((id) => !handled().has(id))).toEqual([]);
        expect(victim.received.length).toBeGreaterThan(0);
        expect(survivor.received.length).toBeGreaterThan(0);
      } finally {
        for (const m of members) if (m.child.exitCode === null && m.child.signalCode === null) m.child.kill('SIGTERM');
        await Promise.all(members.map((m) => exited(m.child)));
        await bus.close();
      }
    }, 150_000);
  });
}
