// The event feed over the embedded bus: pages in the webhooks' order, scope and types applied,
// any cursor read again, long polls that end when an event arrives, and reads from a time.
import type { CloudEvent } from '@pledgebook/contracts';
import { busEntries, eventOf, TopicStream } from '@pledgebook/gateway-subscriptions';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFeedPage } from './feed-response';
import { deliveryKit, HIERARCHY, openHarness, SYSTEM_ADMIN, type DeliveryKit, type Harness } from './testing/delivery-harness';

let h: Harness;
let kit: DeliveryKit;
beforeEach(async () => {
  h = await openHarness(HIERARCHY);
  kit = deliveryKit(h, { graceMs: 400 });
});
afterEach(async () => {
  await kit.stop();
  await h.close();
});

async function mergedOrder(): Promise<CloudEvent[]> {
  const stream = new TopicStream(busEntries(h.bus), h.topic, []);
  const all: CloudEvent[] = [];
  for (let m = await stream.peek(); m; m = await stream.peek()) all.push(eventOf(stream.take().body));
  return all;
}

const feedOf = (bureauId: string, includeDescendants: boolean) =>
  kit.service.create(SYSTEM_ADMIN, { owner: { bureauId: 'shandong', subscriberId: 'oversight' }, topic: h.topic, bureauScope: { bureauId, includeDescendants } });

describe('the event feed', () => {
  it('pages through the events in scope; a cursor reads the same page again', async () => {
    const bureaus = ['weihai', 'rongcheng', 'qingdao'];
    for (let n = 0; n < 30; n++) await h.publish(`pledge-${n % 5}`, n, bureaus[n % 3]!);
    const sub = await feedOf('weihai', true);
    const expected = (await mergedOrder()).filter((e) => e.bureauid !== 'qingdao').map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    const cursors: string[] = [];
    for (let page = 0; page < 10; page++) {
      const result = await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { ...(cursor ? { cursor } : {}), limit: 6, waitMs: 0 });
      if (result.items.length === 0) break;
      seen.push(...result.items.map((e) => e.id));
      cursors.push(cursor ?? '');
      cursor = result.cursor;
    }
    expect(seen).toEqual(expected);
    const again = await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { cursor: cursors[2], limit: 6, waitMs: 0 });
    expect(again.items.map((e) => e.id)).toEqual(expected.slice(12, 18));
    const exact = await feedOf('weihai', false);
    const only = await kit.service.feed(SYSTEM_ADMIN, exact.subscriptionId, { limit: 100, waitMs: 0 });
    expect(only.items.every((e) => e.bureauid === 'weihai')).toBe(true);
    expect(only.items).toHaveLength(10);
  });

  it('holds a long poll until an event arrives, and ends it empty at the deadline', async () => {
    const sub = await feedOf('weihai', true);
    const first = await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { limit: 10, waitMs: 0 });
    expect(first.items).toEqual([]);
    const started = Date.now();
    const empty = await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { cursor: first.cursor, limit: 10, waitMs: 300 });
    expect(empty.items).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const polling = kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { cursor: first.cursor, limit: 10, waitMs: 10_000 });
    await new Promise((r) => setTimeout(r, 200));
    const published = Date.now();
    await h.publish('k', 0, 'qingdao');
    const event = await h.publish('k', 1, 'rongcheng');
    const page = await polling;
    expect(page.items.map((e) => e.id)).toEqual([event.id]);
    expect(Date.now() - published).toBeLessThan(2_000);
  });

  it('reads from a time, and keeps an unknown bureau’s event back until it is known or too old to wait for', async () => {
    const sub = await feedOf('weihai', true);
    await h.publish('a', 0, 'weihai');
    await new Promise((r) => setTimeout(r, 30));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    const later = await h.publish('a', 1, 'weihai');
    expect((await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { since, limit: 10, waitMs: 0 })).items.map((e) => e.id)).toEqual([later.id]);
    const start = (await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { since, limit: 10, waitMs: 0 })).cursor;
    await h.publish('b', 0, 'wendeng');
    const held = await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { cursor: start, limit: 10, waitMs: 0 });
    expect(held.items).toEqual([]);
    expect(held.cursor).toBe(start);
    // Past the grace period an event of a bureau the gateway never learned is outside every descendant scope.
    const after = await kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { cursor: start, limit: 10, waitMs: 2_000 });
    expect(after.items).toEqual([]);
    expect(after.cursor).not.toBe(start);
  });

  it('refuses a cursor it did not hand out, or one of another topic', async () => {
    const sub = await feedOf('weihai', true);
    await expect(kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { cursor: 'bm90IGEgY3Vyc29y', limit: 10, waitMs: 0 })).rejects.toMatchObject({ code: 'invalid_position' });
    const other = Buffer.from(JSON.stringify({ v: 1, t: 'pledgebook.review.v1', o: [0] })).toString('base64url');
    await expect(kit.service.feed(SYSTEM_ADMIN, sub.subscriptionId, { cursor: other, limit: 10, waitMs: 0 })).rejects.toThrow(/not in/);
  });

  it('answers over HTTP with the events exactly as they were published, the page written in one piece', async () => {
    const bureaus = ['weihai', 'rongcheng', 'qingdao'];
    for (let n = 0; n < 60; n++) await h.publish(`pledge-${n % 7}`, n, bureaus[n % 3]!, { data: { n, text: '資助一名"困難"學生 }]' } });
    const sub = await feedOf('weihai', true);
    const expected = (await mergedOrder()).filter((e) => e.bureauid !== 'qingdao');
    const server = createServer((req, res) => {
      const query = new URL(req.url!, 'http://feed').searchParams;
      const cursor = query.get('cursor');
      kit.service
        .feed(SYSTEM_ADMIN, sub.subscriptionId, { ...(cursor ? { cursor } : {}), limit: Number(query.get('limit')), waitMs: 0 })
        .then((page) => writeFeedPage(res, page, { limit: Number(query.get('limit')), wait: 0 }))
        .catch((error: Error) => res.writeHead(400).end(error.message));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?`;
    try {
      const answer = await fetch(`${base}limit=1000`);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('link')).toMatch(/^<\?cursor=[A-Za-z0-9_-]+&limit=1000>; rel="next"$/);
      const text = await answer.text();
      expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      const page = JSON.parse(text) as { items: CloudEvent[]; cursor: string };
      expect(page.items).toEqual(expected);
      expect(((await (await fetch(`${base}limit=5`)).json()) as { items: CloudEvent[] }).items).toEqual(expected.slice(0, 5));
      expect(await (await fetch(`${base}limit=10&cursor=${page.cursor}`)).json()).toEqual({ items: [], cursor: page.cursor });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
