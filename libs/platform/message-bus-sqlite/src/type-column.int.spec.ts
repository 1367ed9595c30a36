// A bus file from before the `type` column: opening it adds the column, and a consumer that asks
// for some types still gets exactly those from the old rows (read from their values) and the new.
import type { BusMessage } from '@pledgebook/message-bus';
import { TEST_EVENT_TYPE, testCloudEvent, uniqueTopic } from '@pledgebook/message-bus/testing';
import { newId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUS_SCHEMA } from './schema';
import { SqliteMessageBus } from './sqlite-message-bus';

const OTHER = 'pledgebook.test.other-thing.v1';
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pledgebook-bus-type-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('adds the type column to an older bus file, and filters its old rows by their values', async () => {
  const file = join(dir, 'bus.db');
  const topic = uniqueTopic();
  const old = new Database(file);
  old.exec(BUS_SCHEMA.replace(/\n\s*type\s+TEXT,/, ''));
  expect(old.prepare(`SELECT name FROM pragma_table_info('messages')`).pluck().all()).not.toContain('type');
  const insert = old.prepare('INSERT INTO messages (topic, partition, offset, key, value, headers, published_at) VALUES (?, 0, ?, ?, ?, ?, ?)');
  [TEST_EVENT_TYPE, OTHER, TEST_EVENT_TYPE].forEach((type, offset) => insert.run(topic, offset, 'k', JSON.stringify({ ...testCloudEvent('k', offset), type }), '{}', new Date().toISOString()));
  old.prepare('INSERT INTO topics (name, partitions) VALUES (?, 1)').run(topic);
  old.prepare('INSERT INTO partition_heads (topic, partition, next_offset) VALUES (?, 0, 3)').run(topic);
  old.close();

  const bus = new SqliteMessageBus(file);
  try {
    await bus.publish(topic, [OTHER, TEST_EVENT_TYPE].map((type, i) => ({ key: 'k', value: { ...testCloudEvent('k', 3 + i), type } })));
    const received: BusMessage[] = [];
    const consumer = await bus.consume({ groupId: newId(), topics: [topic], types: [TEST_EVENT_TYPE] }, async (batch) => void received.push(...batch));
    for (const deadline = Date.now() + 10_000; received.length < 3 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    await consumer.stop();
    expect(received.map((m) => m.offset)).toEqual([0, 2, 4]);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT type FROM messages WHERE topic = ? ORDER BY offset').pluck().all(topic)).toEqual([null, null, null, OTHER, TEST_EVENT_TYPE]);
    raw.close();
  } finally {
    await bus.close();
  }
});
