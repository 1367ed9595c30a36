// readRaw on the embedded bus gives each message's order and scope attributes beside its bytes,
// read by SQLite's JSON parser: the same values JSON.parse finds at the top level of the event,
// never a field of the same name inside `data`, and null where the event has none or a non-string.
import { testCloudEvent, uniqueTopic } from '@pledgebook/message-bus/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMessageBus } from './sqlite-message-bus';

let dir: string;
let bus: SqliteMessageBus;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-bus-attrs-'));
  bus = new SqliteMessageBus(join(dir, 'bus.db'));
});
afterEach(async () => {
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('raw values with their attributes', () => {
  it('carry the top-level id, type, time and bureauid as JSON.parse of the same bytes finds them', async () => {
    const topic = uniqueTopic();
    const data = { bureauid: 'qingdao', type: 'inner', time: 'never', id: 'inner-id', text: '資助一名"困難"學生\\ 😀 }]' };
    const values = [
      { ...testCloudEvent('k1', 0, data), bureauid: 'weihai' },
      { ...testCloudEvent('k2', 1, data), bureauid: 42 },
      { ...testCloudEvent('k3', 2, data), time: undefined, bureauid: undefined },
      { ...testCloudEvent('k4', 3), bureauid: '威海' },
    ];
    await bus.publish(topic, values.map((value, n) => ({ key: `k${n + 1}`, value: value as never })));
    const from = (await bus.offsets(topic)).map((r) => ({ partition: r.partition, offset: r.low }));
    const raw = await bus.readRaw(topic, from, { limit: 10 });
    expect(raw).toHaveLength(4);
    const asString = (v: unknown) => (typeof v === 'string' ? v : null);
    for (const m of raw) {
      const parsed = JSON.parse(Buffer.from(m.value).toString('utf8')) as Record<string, unknown>;
      expect(m.attributes).toEqual({ id: asString(parsed.id), type: asString(parsed.type), time: asString(parsed.time), bureauid: asString(parsed.bureauid) });
    }
    expect(raw.map((m) => m.attributes!.bureauid).sort()).toEqual([null, null, 'weihai', '威海'].sort());
    expect(raw.filter((m) => m.attributes!.time === null)).toHaveLength(1);
  });
});
