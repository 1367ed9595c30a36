// readRaw gives the same messages as read, each value as the UTF-8 bytes of the JSON the file holds.
import { testCloudEvent, uniqueTopic } from '@pledgebook/message-bus/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMessageBus } from './sqlite-message-bus';

let dir: string;
let bus: SqliteMessageBus;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-bus-raw-'));
  bus = new SqliteMessageBus(join(dir, 'bus.db'));
});
afterEach(async () => {
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading raw values', () => {
  it('returns what read returns, each value as the bytes of its JSON, from the same positions and with the same limit', async () => {
    const topic = uniqueTopic();
    const keys = ['pledge-a', 'pledge-b', 'pledge-c', 'pledge-d', 'pledge-e'];
    await bus.publish(topic, keys.flatMap((key) => [0, 1, 2, 3].map((n) => ({ key, value: testCloudEvent(key, n, { text: '資助一名"困難"學生\\ 😀', nested: { type: 'x', list: [1, '}'] } }) }))));
    const from = (await bus.offsets(topic)).map((r) => ({ partition: r.partition, offset: r.low + 1 }));
    for (const limit of [1, 3, 100]) {
      const parsed = await bus.read(topic, from, { limit });
      const raw = await bus.readRaw(topic, from, { limit });
      expect(raw.map((m) => [m.partition, m.offset])).toEqual(parsed.map((m) => [m.partition, m.offset]));
      expect(raw.map((m) => Buffer.from(m.value).toString('utf8'))).toEqual(parsed.map((m) => JSON.stringify(m.value)));
    }
    const ends = (await bus.offsets(topic)).map((r) => ({ partition: r.partition, offset: r.high }));
    expect(await bus.readRaw(topic, ends)).toEqual([]);
  });
});
