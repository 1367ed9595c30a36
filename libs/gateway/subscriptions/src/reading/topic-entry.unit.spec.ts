import type { MessageBus } from '@pledgebook/message-bus';
import { feedBody } from './feed';
import { busEntries, entryFromBytes, eventOf } from './topic-entry';

const event = (n: number, extra: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: `e${n}`,
  source: '/bureaus/weihai/pledge-service',
  type: 'pledgebook.pledge.member-added.v1',
  time: '2026-11-29T02:00:00.000Z',
  // Attributes of the same names inside data decide nothing.
  data: { bureauid: 'qingdao', type: 'other', text: '資助一名"困難"學生 }]', nested: { bureauid: 'qingdao' } },
  bureauid: 'weihai',
  ...extra,
});

describe('topic entries', () => {
  it('take order and scope from the event’s own attributes and keep its bytes as stored', () => {
    const bytes = Buffer.from(JSON.stringify(event(1)), 'utf8');
    const e = entryFromBytes(2, 7, new Uint8Array(bytes));
    expect(e).toEqual({ partition: 2, offset: 7, body: bytes, id: 'e1', type: 'pledgebook.pledge.member-added.v1', bureauid: 'weihai', time: Date.parse('2026-11-29T02:00:00.000Z') });
    expect(eventOf(e.body)).toEqual(event(1));
  });

  it('leave out a bureau that is not a string, and order an event without a time first', () => {
    const e = entryFromBytes(0, 0, Buffer.from(JSON.stringify(event(1, { bureauid: 42, time: undefined }))));
    expect(e.bureauid).toBeUndefined();
    expect(e.time).toBe(0);
  });

  it('come from the raw values, with the attributes the bus read beside them or else parsed from the bytes', async () => {
    const values = [event(1), event(2)];
    const raw = (withAttributes: boolean) =>
      ({
        offsets: async () => [],
        readRaw: async () =>
          values.map((v, offset) => ({
            partition: 0,
            offset,
            value: new Uint8Array(Buffer.from(JSON.stringify(v))),
            ...(withAttributes ? { attributes: { id: v.id, type: v.type, time: v.time, bureauid: v.bureauid } } : {}),
          })),
      }) as unknown as MessageBus;
    for (const bus of [raw(true), raw(false)]) {
      const entries = await busEntries(bus).read('t', [{ partition: 0, offset: 0 }], 10);
      expect(entries.map((e) => [e.offset, e.id, e.type, e.bureauid, e.time, eventOf(e.body)])).toEqual([
        [0, 'e1', 'pledgebook.pledge.member-added.v1', 'weihai', Date.parse('2026-11-29T02:00:00.000Z'), values[0]],
        [1, 'e2', 'pledgebook.pledge.member-added.v1', 'weihai', Date.parse('2026-11-29T02:00:00.000Z'), values[1]],
      ]);
    }
  });

  it('make a feed answer that is the events as JSON, in order, with the cursor', () => {
    const entries = [event(1), event(2), event(3)].map((v, offset) => entryFromBytes(0, offset, Buffer.from(JSON.stringify(v))));
    expect(JSON.parse(feedBody({ items: entries, cursor: 'abc-_' }).toString('utf8'))).toEqual({ items: [event(1), event(2), event(3)], cursor: 'abc-_' });
    expect(JSON.parse(feedBody({ items: [], cursor: 'x' }).toString('utf8'))).toEqual({ items: [], cursor: 'x' });
  });
});
