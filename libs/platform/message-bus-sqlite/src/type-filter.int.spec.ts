// The embedded bus's type filter reads each row's type with SQLite's JSON parser. A stored value
// that is not JSON (only something other than the bus could have written it) must not end the
// consumer: its partition is retried with backoff, and the others go on.
import { partitionFor, type BusMessage } from '@pledgebook/message-bus';
import { TEST_EVENT_TYPE, testCloudEvent, uniqueTopic } from '@pledgebook/message-bus/testing';
import { newId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMessageBus } from './sqlite-message-bus';

let dir: string;
let bus: SqliteMessageBus;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-bus-filter-'));
  bus = new SqliteMessageBus(join(dir, 'bus.db'));
});
afterEach(async () => {
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps consuming the other partitions when a stored value is not JSON', async () => {
  const topic = uniqueTopic();
  await bus.publish(topic, [{ key: 'bad', value: testCloudEvent('bad', 0) }]);
  const partitions = (await bus.offsets(topic)).length;
  const badPartition = partitionFor('bad', partitions);
  const raw = new Database(join(dir, 'bus.db'));
  raw.prepare(`INSERT INTO messages (topic, partition, offset, key, value, headers, published_at) VALUES (?, ?, 1, 'bad', '{not json', '{}', ?)`).run(topic, badPartition, new Date().toISOString());
  raw.prepare('UPDATE partition_heads SET next_offset = 2 WHERE topic = ? AND partition = ?').run(topic, badPartition);
  raw.close();
  const goodKey = ['good-1', 'good-2', 'good-3', 'good-4', 'good-5', 'good-6'].find((key) => partitionFor(key, partitions) !== badPartition)!;

  const received: BusMessage[] = [];
  const consumer = await bus.consume({ groupId: newId(), topics: [topic], types: [TEST_EVENT_TYPE] }, async (batch) => void received.push(...batch));
  let ended = false;
  consumer.done.then(
    () => (ended = true),
    () => (ended = true),
  );
  await bus.publish(topic, [{ key: goodKey, value: testCloudEvent(goodKey, 0) }]);
  for (const deadline = Date.now() + 10_000; !received.some((m) => m.key === goodKey) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 300));
  expect(received.map((m) => m.key)).toContain(goodKey);
  expect(ended).toBe(false);
  await consumer.stop();
});
