import { deadLetterTopic } from '@pledgebook/contracts';
import { newId } from '@pledgebook/util';
import { runConsumer } from '../consumer-runner';
import { listParked, replayParked } from '../dead-letter';
import type { BusMessage, MessageBus } from '../types';
import { TEST_EVENT_TYPE, testCloudEvent, testContracts, uniqueTopic, until } from './fixtures';
import { readRawContract } from './read-raw.contract';

export interface MessageBusContractOptions {
  open(): Promise<MessageBus>;
  /**
   * Starts a consumer of `topic` in `groupId` in another process; it reports each handled
   * message id. Resolves once the process has joined the group.
   */
  spawnConsumer?(topic: string, groupId: string): Promise<{ received: string[]; stop(): Promise<void> }>;
}

const keyOrder = (messages: BusMessage[]) => {
  const byKey = new Map<string, number[]>();
  for (const m of messages) byKey.set(m.key, [...(byKey.get(m.key) ?? []), (m.value.data as { n: number }).n]);
  return byKey;
};

/** The message bus contract: every adapter runs it, the embedded one in every test run. */
export function messageBusContract(name: string, options: MessageBusContractOptions): void {
  describe(`${name}: message bus contract`, () => {
    let bus: MessageBus;
    beforeAll(async () => {
      bus = await options.open();
    });
    afterAll(async () => {
      await bus.close();
    });

    it('delivers every message to a group, in order per key', async () => {
      const topic = uniqueTopic();
      const keys = ['pledge-a', 'pledge-b', 'pledge-c', 'pledge-d', 'pledge-e'];
      await bus.publish(topic, keys.flatMap((key) => [0, 1, 2].map((n) => ({ key, value: testCloudEvent(key, n) }))));
      await bus.publish(topic, keys.map((key) => ({ key, value: testCloudEvent(key, 3) })));
      const received: BusMessage[] = [];
      const wait = until(() => received.length >= 20);
      const consumer = await bus.consume({ groupId: newId(), topics: [topic] }, async (batch) => {
        received.push(...batch);
        wait.poke();
      });
      await wait.reached;
      await consumer.stop();
      expect(received).toHaveLength(20);
      for (const [, ns] of keyOrder(received)) expect(ns).toEqual([0, 1, 2, 3]);
      expect(received[0]!.value.type).toBe('pledgebook.test.thing-happened.v1');
    });

    it('commits offsets: a restarted member resumes, another group starts from the beginning', async () => {
      const topic = uniqueTopic();
      const groupId = newId();
      await bus.publish(topic, [0, 1, 2].map((n) => ({ key: 'k', value: testCloudEvent('k', n) })));
      const first: number[] = [];
      const firstDone = until(() => first.length >= 3);
      const c1 = await bus.consume({ groupId, topics: [topic] }, async (batch) => {
        first.push(...batch.map((m) => (m.value.data as { n: number }).n));
        firstDone.poke();
      });
      await firstDone.reached;
      await c1.stop();

      await bus.publish(topic, [3, 4].map((n) => ({ key: 'k', value: testCloudEvent('k', n) })));
      const second: number[] = [];
      const secondDone = until(() => second.length >= 2);
      const c2 = await bus.consume({ groupId, topics: [topic] }, async (batch) => {
        second.push(...batch.map((m) => (m.value.data as { n: number }).n));
        secondDone.poke();
      });
      await secondDone.reached;
      await c2.stop();
      expect(second).toEqual([3, 4]);

      const other: number[] = [];
      const otherDone = until(() => other.length >= 5);
      const c3 = await bus.consume({ groupId: newId(), topics: [topic] }, async (batch) => {
        other.push(...batch.map((m) => (m.value.data as { n: number }).n));
        otherDone.poke();
      });
      await otherDone.reached;
      await c3.stop();
      expect(other).toEqual([0, 1, 2, 3, 4]);
    });

    it('redelivers a batch whose handler failed', async () => {
      const topic = uniqueTopic();
      await bus.publish(topic, [{ key: 'k', value: testCloudEvent('k', 0) }]);
      let calls = 0;
      const done = until(() => calls >= 2);
      const consumer = await bus.consume({ groupId: newId(), topics: [topic] }, async () => {
        calls += 1;
        done.poke();
        if (calls === 1) throw new Error('transient');
      });
      await done.reached;
      await consumer.stop();
      expect(calls).toBe(2);
    });

    it('shares partitions between members of one group without handling a message twice', async () => {
      const topic = uniqueTopic();
      const groupId = newId();
      const seen: string[] = [];
      const total = 200;
      const done = until(() => seen.length >= total);
      const handler = async (batch: BusMessage[]) => {
        seen.push(...batch.map((m) => m.value.id));
        done.poke();
      };
      const a = await bus.consume({ groupId, topics: [topic] }, handler);
      const b = await bus.consume({ groupId, topics: [topic] }, handler);
      await bus.publish(topic, Array.from({ length: total }, (_, n) => ({ key: `key-${n % 17}`, value: testCloudEvent(`key-${n % 17}`, n) })));
      await done.reached;
      await Promise.all([a.stop(), b.stop()]);
      expect(new Set(seen).size).toBe(total);
      expect(seen).toHaveLength(total);
    });

    if (options.spawnConsumer) {
      const spawnConsumer = options.spawnConsumer;
      it('shares the work between consumer processes without handling a message twice', async () => {
        const topic = uniqueTopic();
        const groupId = newId();
        const workers = await Promise.all([spawnConsumer(topic, groupId), spawnConsumer(topic, groupId)]);
        const total = 300;
        const messages = Array.from({ length: total }, (_, n) => ({ key: `key-${n % 23}`, value: testCloudEvent(`key-${n % 23}`, n) }));
        // Published over ~3 s, as a real load arrives, so the group rebalances while it works.
        for (let i = 0; i < total; i += 10) {
          await bus.publish(topic, messages.slice(i, i + 10));
          await new Promise((r) => setTimeout(r, 100));
        }
        const all = () => workers.flatMap((w) => w.received);
        for (let waited = 0; all().length < total && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        await Promise.all(workers.map((w) => w.stop()));
        expect(new Set(all()).size).toBe(total);
        expect(all()).toHaveLength(total);
        expect(workers.every((w) => w.received.length > 0)).toBe(true);
      }, 60_000);
    }

    it("reports a group's lag: published but not yet committed", async () => {
      const topic = uniqueTopic();
      const groupId = newId();
      await bus.ping();
      await bus.publish(topic, ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, value: testCloudEvent(key, 0) })));
      expect(await bus.lag(groupId, topic)).toBe(5);
      let handled = 0;
      const done = until(() => handled >= 5);
      const consumer = await bus.consume({ groupId, topics: [topic] }, async (batch) => {
        handled += batch.length;
        done.poke();
      });
      await done.reached;
      await consumer.stop();
      expect(await bus.lag(groupId, topic)).toBe(0);
      await bus.publish(topic, [{ key: 'a', value: testCloudEvent('a', 1) }, { key: 'z', value: testCloudEvent('z', 0) }]);
      expect(await bus.lag(groupId, topic)).toBe(2);
    });

    /** Resolves once the group has committed everything published to the topic. */
    const caughtUp = async (groupId: string, topic: string) => {
      for (const deadline = Date.now() + 20_000; (await bus.lag(groupId, topic)) > 0; ) {
        if (Date.now() > deadline) throw new Error(`${groupId} never caught up on ${topic}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    it('hands a consumer only the types it asks for, and commits past the others', async () => {
      const topic = uniqueTopic();
      const groupId = newId();
      const other = 'pledgebook.test.other-thing.v1';
      const event = (n: number, type = TEST_EVENT_TYPE) => ({ key: 'a', value: { ...testCloudEvent('a', n), type } });
      // Batches of two from one partition: [wanted, other], [other, wanted], [other] — the last with nothing wanted.
      await bus.publish(topic, [event(0), event(1, other), event(2, other), event(3), event(4, other)]);
      const received: BusMessage[] = [];
      const wait = until(() => received.length >= 2);
      const consumer = await bus.consume({ groupId, topics: [topic], types: [TEST_EVENT_TYPE], maxBatch: 2 }, async (batch) => {
        received.push(...batch);
        wait.poke();
      });
      await wait.reached;
      await caughtUp(groupId, topic);
      await consumer.stop();
      expect(received.map((m) => [m.value.type, (m.value.data as { n: number }).n])).toEqual([
        [TEST_EVENT_TYPE, 0],
        [TEST_EVENT_TYPE, 3],
      ]);
      // Nothing is handed over again to the group after a restart: the passed-over ones were committed too.
      await bus.publish(topic, [event(5, other), event(6)]);
      const again: BusMessage[] = [];
      const next = until(() => again.length >= 1);
      const restarted = await bus.consume({ groupId, topics: [topic], types: [TEST_EVENT_TYPE] }, async (batch) => {
        again.push(...batch);
        next.poke();
      });
      await next.reached;
      await caughtUp(groupId, topic);
      await restarted.stop();
      expect(again.map((m) => (m.value.data as { n: number }).n)).toEqual([6]);
    });

    it('refuses a consumer whose type list names no type (it would drop the whole topic)', async () => {
      await expect(bus.consume({ groupId: newId(), topics: [uniqueTopic()], types: [] }, async () => undefined)).rejects.toThrow(RangeError);
    });

    it('lets anyone browse a topic from the start', async () => {
      const topic = uniqueTopic();
      await bus.publish(topic, [{ key: 'k', value: testCloudEvent('k', 0), headers: { 'x-test': 'yes' } }]);
      const [message] = await bus.browse(topic);
      expect(message).toMatchObject({ key: 'k', headers: { 'x-test': 'yes' }, value: { data: { n: 0 } } });
    });

    it('reads partitions from positions without a group, and reports their ranges', async () => {
      const topic = uniqueTopic();
      const keys = ['pledge-a', 'pledge-b', 'pledge-c', 'pledge-d', 'pledge-e', 'pledge-f'];
      await bus.publish(topic, keys.flatMap((key) => [0, 1, 2].map((n) => ({ key, value: testCloudEvent(key, n) }))));
      const ranges = await bus.offsets(topic);
      expect(ranges.map((r) => r.partition)).toEqual([...ranges.keys()]);
      expect(ranges.reduce((sum, r) => sum + r.high - r.low, 0)).toBe(18);
      const all = await bus.read(topic, ranges.map((r) => ({ partition: r.partition, offset: r.low })), { limit: 100 });
      expect(all).toHaveLength(18);
      for (const [, ns] of keyOrder(all)) expect(ns).toEqual([0, 1, 2]);
      const busiest = ranges.reduce((a, b) => (b.high - b.low > a.high - a.low ? b : a));
      const tail = await bus.read(topic, [{ partition: busiest.partition, offset: busiest.low + 1 }], { limit: 2 });
      expect(tail.map((m) => [m.partition, m.offset])).toEqual([
        [busiest.partition, busiest.low + 1],
        [busiest.partition, busiest.low + 2],
      ]);
      expect(await bus.read(topic, [{ partition: busiest.partition, offset: busiest.high }])).toEqual([]);
      // Reading is not consuming: a group still starts from the beginning.
      expect(await bus.lag(newId(), topic)).toBe(18);
    });

    it('finds the first offset of each partition published at or after a time', async () => {
      const topic = uniqueTopic();
      const keys = ['pledge-a', 'pledge-b', 'pledge-c', 'pledge-d'];
      await bus.publish(topic, keys.map((key) => ({ key, value: testCloudEvent(key, 0) })));
      await new Promise((r) => setTimeout(r, 30));
      const between = new Date();
      await new Promise((r) => setTimeout(r, 30));
      await bus.publish(topic, keys.map((key) => ({ key, value: testCloudEvent(key, 1) })));
      const at = await bus.offsets(topic, { at: between });
      const later = await bus.read(topic, at.map((r) => ({ partition: r.partition, offset: r.at! })));
      expect(later.map((m) => (m.value.data as { n: number }).n)).toEqual([1, 1, 1, 1]);
      const future = await bus.offsets(topic, { at: new Date(Date.now() + 60_000) });
      expect(future.every((r) => r.at === r.high)).toBe(true);
    });

    readRawContract(() => bus);

    describe('consumer runner', () => {
      it('retries a failing handler with backoff until it succeeds', async () => {
        const topic = uniqueTopic();
        await bus.publish(topic, [{ key: 'k', value: testCloudEvent('k', 0) }]);
        let attempts = 0;
        const done = until(() => attempts >= 3);
        const runner = await runConsumer(bus, { groupId: newId(), topics: [topic], retryBaseMs: 5, retryMaxMs: 20 }, async () => {
          attempts += 1;
          done.poke();
          if (attempts < 3) throw new Error('not yet');
        });
        await done.reached;
        await runner.stop();
        expect(attempts).toBe(3);
        expect(await listParked(bus, topic)).toEqual([]);
      });

      it('parks a poison message with its error and goes on with other keys; parked messages replay', async () => {
        const topic = uniqueTopic();
        const groupId = newId();
        const poison = testCloudEvent('bad', 0, { note: 'poison' });
        await bus.publish(topic, [
          { key: 'bad', value: poison },
          { key: 'good', value: testCloudEvent('good', 0) },
          { key: 'good', value: testCloudEvent('good', 1) },
        ]);
        const handled: string[] = [];
        let healed = false;
        const done = until(() => handled.length >= 2);
        const runner = await runConsumer(
          bus,
          { groupId, topics: [topic], maxAttempts: 3, retryBaseMs: 1, retryMaxMs: 5 },
          async (event) => {
            if ((event.data as { note?: string }).note === 'poison' && !healed) throw new Error('cannot apply this');
            handled.push(event.id);
            done.poke();
          },
        );
        await done.reached;
        let parked = await listParked(bus, topic);
        for (let i = 0; parked.length === 0 && i < 100; i++) {
          await new Promise((r) => setTimeout(r, 50));
          parked = await listParked(bus, topic);
        }
        expect(parked).toHaveLength(1);
        expect(parked[0]).toMatchObject({ groupId, attempts: 3, originalTopic: topic, message: { value: { id: poison.id } } });
        expect(parked[0]!.error).toContain('cannot apply this');
        expect((await bus.browse(deadLetterTopic(topic))).length).toBe(1);

        healed = true;
        const replayed = until(() => handled.includes(poison.id));
        const poll = setInterval(() => replayed.poke(), 20);
        expect(await replayParked(bus, topic)).toBe(1);
        await replayed.reached;
        clearInterval(poll);
        await runner.stop();
        expect(await listParked(bus, topic)).toEqual([]);
      });

      it('parks an event that breaks its schema without calling the handler', async () => {
        const topic = uniqueTopic();
        const bad = { ...testCloudEvent('k', 0), data: { n: 'not a number' } };
        await bus.publish(topic, [{ key: 'k', value: bad }]);
        let calls = 0;
        const runner = await runConsumer(bus, { groupId: newId(), topics: [topic], contracts: testContracts() }, async () => {
          calls += 1;
        });
        let parked = await listParked(bus, topic);
        for (let i = 0; parked.length === 0 && i < 100; i++) {
          await new Promise((r) => setTimeout(r, 50));
          parked = await listParked(bus, topic);
        }
        await runner.stop();
        expect(calls).toBe(0);
        expect(parked[0]!.error).toMatch(/ContractViolation: .*data\/n must be integer/);
      });
    });
  });
}
