import type { MessageBus, RawAttributes } from '../types';
import { testCloudEvent, uniqueTopic } from './fixtures';

const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The attributes a reader would find by parsing the value: the event's own, never a field of `data`. */
const attributesOf = (value: unknown): RawAttributes => {
  const event = value as Record<string, unknown>;
  return { id: asString(event.id), type: asString(event.type), time: asString(event.time), bureauid: asString(event.bureauid) };
};

/**
 * `readRaw` is `read` without the parse: the same messages from the same positions with the same
 * limit, each value the UTF-8 bytes of the JSON the bus holds; attributes, where an adapter gives
 * them, are what parsing those bytes finds. Part of the message bus contract (`bus` is its open bus).
 */
export function readRawContract(bus: () => MessageBus): void {
  it('reads raw values: what read returns, each value as the bytes of its JSON, from the same positions and with the same limit', async () => {
    const topic = uniqueTopic();
    const keys = ['pledge-a', 'pledge-b', 'pledge-c', 'pledge-d', 'pledge-e'];
    const data = { text: '資助一名"困難"學生\\ 😀', nested: { type: 'x', list: [1, '}'] }, bureauid: 'inner', id: 'inner-id' };
    await bus().publish(topic, keys.flatMap((key) => [0, 1, 2, 3].map((n) => ({ key, value: testCloudEvent(key, n, data) }))));
    const from = (await bus().offsets(topic)).map((r) => ({ partition: r.partition, offset: r.low + 1 }));
    for (const limit of [1, 3, 100]) {
      const parsed = await bus().read(topic, from, { limit });
      const raw = await bus().readRaw(topic, from, { limit });
      expect(raw.length).toBeGreaterThan(0);
      expect(raw.map((m) => [m.partition, m.offset])).toEqual(parsed.map((m) => [m.partition, m.offset]));
      expect(raw.every((m) => m.value instanceof Uint8Array)).toBe(true);
      expect(raw.map((m) => Buffer.from(m.value).toString('utf8'))).toEqual(parsed.map((m) => JSON.stringify(m.value)));
      const given = raw.flatMap((m, i) => (m.attributes ? [[m.attributes, attributesOf(parsed[i]!.value)]] : []));
      for (const [attributes, found] of given) expect(attributes).toEqual(found);
    }
    const ends = (await bus().offsets(topic)).map((r) => ({ partition: r.partition, offset: r.high }));
    expect(await bus().readRaw(topic, ends)).toEqual([]);
  }, 60_000);
}
