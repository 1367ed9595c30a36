// The consumer runner's batch handler on the embedded bus: a partition's batch handled at once;
// when that fails, each event goes through the one-at-a-time handler with its retries and parking;
// events that break their contract are parked and never reach either.
import { listParked, runConsumer } from '@pledgebook/message-bus';
import { testCloudEvent, testContracts, uniqueTopic } from '@pledgebook/message-bus/testing';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMessageBus } from './sqlite-message-bus';

let dir: string;
let bus: SqliteMessageBus;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-bus-batches-'));
  bus = new SqliteMessageBus(join(dir, 'bus.db'));
});
afterEach(async () => {
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

async function eventually(predicate: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await predicate()); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const n = (e: { data?: unknown }) => (e.data as { n: number }).n;

describe('consumer batches', () => {
  it('lets the process answer timers and sockets while a group works through a backlog', async () => {
    const topic = uniqueTopic();
    await bus.publish(topic, Array.from({ length: 1_000 }, (_, i) => ({ key: 'one-key', value: testCloudEvent('one-key', i) })));
    let handled = 0;
    let handledWhenTimerFired: number | undefined;
    const consumer = await bus.consume({ groupId: newId(), topics: [topic], maxBatch: 50 }, async (batch) => {
      handled += batch.length;
    });
    setTimeout(() => (handledWhenTimerFired = handled), 0);
    await eventually(() => handled >= 1_000);
    await consumer.stop();
    // Without a turn of the event loop between rounds, the timer would fire only after all 20 batches.
    expect(handledWhenTimerFired).toBeDefined();
    expect(handledWhenTimerFired!).toBeLessThan(1_000);
  });

  it('hands a partition’s events to the batch handler together, in order, and the single handler nothing', async () => {
    const topic = uniqueTopic();
    await bus.publish(topic, Array.from({ length: 40 }, (_, i) => ({ key: 'one-key', value: testCloudEvent('one-key', i) })));
    const batches: number[][] = [];
    let singles = 0;
    const runner = await runConsumer(
      bus,
      { groupId: newId(), topics: [topic], contracts: testContracts(), batchHandler: async (events) => void batches.push(events.map(n)) },
      async () => void (singles += 1),
    );
    await eventually(() => batches.flat().length === 40);
    await runner.stop();
    expect(batches.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(batches.some((b) => b.length > 1)).toBe(true);
    expect(singles).toBe(0);
  });

  it('falls back to one at a time when the batch fails: the rest are handled, the one that keeps failing is parked alone', async () => {
    const topic = uniqueTopic();
    const poison = testCloudEvent('k', 3, { note: 'poison' });
    await bus.publish(topic, [0, 1, 2].map((i) => ({ key: 'k', value: testCloudEvent('k', i) })).concat([{ key: 'k', value: poison }, { key: 'k', value: testCloudEvent('k', 4) }]));
    const handled: number[] = [];
    const failures: string[] = [];
    let batchCalls = 0;
    const runner = await runConsumer(
      bus,
      {
        groupId: newId(),
        topics: [topic],
        maxAttempts: 2,
        retryBaseMs: 1,
        retryMaxMs: 5,
        onBatchFailed: (error) => void failures.push(String(error)),
        batchHandler: async (events) => {
          batchCalls += 1;
          if (events.some((e) => e.id === poison.id)) throw new Error('one of them is bad');
          handled.push(...events.map(n));
        },
      },
      async (event) => {
        if (event.id === poison.id) throw new Error('still bad');
        handled.push(n(event));
      },
    );
    await eventually(async () => handled.length === 4 && (await listParked(bus, topic)).length === 1);
    await runner.stop();
    expect(handled).toEqual([0, 1, 2, 4]);
    expect(batchCalls).toBeGreaterThanOrEqual(1);
    expect(failures).toEqual(expect.arrayContaining(['Error: one of them is bad']));
    const parked = await listParked(bus, topic);
    expect(parked.map((p) => [p.message.value.id, p.attempts, p.error])).toEqual([[poison.id, 2, expect.stringContaining('still bad')]]);
  });

  it('parks an event that breaks its contract before any handler sees it', async () => {
    const topic = uniqueTopic();
    const broken = { ...testCloudEvent('k', 1), data: { n: 'one' } };
    await bus.publish(topic, [{ key: 'k', value: testCloudEvent('k', 0) }, { key: 'k', value: broken }, { key: 'k', value: testCloudEvent('k', 2) }]);
    const seen: string[] = [];
    const runner = await runConsumer(
      bus,
      { groupId: newId(), topics: [topic], contracts: testContracts(), batchHandler: async (events) => void seen.push(...events.map((e) => e.id)) },
      async (event) => void seen.push(event.id),
    );
    await eventually(async () => seen.length === 2 && (await listParked(bus, topic)).length === 1);
    await runner.stop();
    expect(seen).not.toContain(broken.id);
    expect((await listParked(bus, topic))[0]!.message.value.id).toBe(broken.id);
  });
});
