import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { follow, type CloudEvent } from './follower';

// A feed like the gateway's: pages of two from a cursor (here simply the index), a 503 now and then.
const events: CloudEvent[] = Array.from({ length: 7 }, (_, i) => ({ id: `e${i}`, type: 'pledgebook.pledge.member-added.v1', subject: `members/m${i}`, time: new Date(2026, 10, 29, 0, i).toISOString(), bureauid: 'weihai', data: {} }));
let server: Server;
let url: string;
let requests: string[] = [];
let failNext = 0;
let tokenRenewals = 0;
/** The feed names a next page somewhere else (it must not be followed, nor sent the token). */
let linkElsewhere = false;
/** What happened, in order: requests (`GET <cursor>`) and events handled (`handled <id>`). */
let log: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    requests.push(query.get('cursor') ?? '-');
    log.push(`GET ${query.get('cursor') ?? '-'}`);
    if (req.headers.authorization !== 'Bearer fresh') return void res.writeHead(401).end();
    if (failNext > 0) {
      failNext -= 1;
      return void res.writeHead(503).end();
    }
    const from = Number(query.get('cursor') ?? 0);
    const cursor = String(Math.min(events.length, from + 2));
    const link = linkElsewhere ? `<http://127.0.0.1:9/elsewhere/events?cursor=${cursor}&limit=2>; rel="next"` : `<?cursor=${cursor}&limit=${query.get('limit')}>; rel="next"`;
    res.writeHead(200, { 'content-type': 'application/json', link }).end(JSON.stringify({ items: events.slice(from, from + 2), cursor }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** Follows until `count` events were handled (or the state says so), then stops. */
async function run(stateFile: string, count: number, onEvent: (e: CloudEvent) => void = () => undefined) {
  const handled: string[] = [];
  const stop = new AbortController();
  await follow({
    baseUrl: url,
    subscriptionId: 's1',
    stateFile,
    waitSeconds: 0,
    signal: stop.signal,
    token: async (renew) => {
      if (renew) tokenRenewals += 1;
      return renew ? 'fresh' : 'expired';
    },
    onEvent: async (e) => {
      onEvent(e);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`handled ${e.id}`);
      handled.push(e.id);
      if (handled.length >= count) stop.abort();
    },
  });
  return handled;
}

describe('the example feed follower', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-follower-'));
    requests = [];
    log = [];
    linkElsewhere = false;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads page after page, renews its token on 401, rides out a 503, and goes on from its saved cursor', async () => {
    failNext = 1;
    expect(await run(join(dir, 'state.json'), 4)).toEqual(['e0', 'e1', 'e2', 'e3']);
    expect(tokenRenewals).toBeGreaterThan(0);
    expect(requests.slice(0, 3)).toEqual(['-', '-', '-']);
    const before = requests.length;
    expect(await run(join(dir, 'state.json'), 3)).toEqual(['e4', 'e5', 'e6']);
    expect(requests[before]).toBe('4');
  });

  it('asks for the next page its Link header names while it handles this one, and handles the pages in order', async () => {
    expect(await run(join(dir, 'state.json'), 7)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    // Page 2–3 was asked for before e0 and e1 were handled, and so on.
    expect(log.indexOf('GET 2')).toBeLessThan(log.indexOf('handled e1'));
    expect(log.indexOf('GET 4')).toBeLessThan(log.indexOf('handled e3'));
    expect(log.filter((l) => l === 'GET 2')).toHaveLength(1);
  });

  it('follows a Link only to the same feed: one naming another address is passed over', async () => {
    linkElsewhere = true;
    expect(await run(join(dir, 'state.json'), 7)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    // Every page was asked for here, after the one before was handled.
    expect(log.indexOf('GET 2')).toBeGreaterThan(log.indexOf('handled e1'));
  });

  it('does not hand on an event twice when a page is read again after a crash', async () => {
    const state = join(dir, 'state.json');
    // The process dies handling e1: the cursor of the page e0–e1 was never saved.
    await expect(run(state, 10, (e) => { if (e.id === 'e1') throw new Error('crash'); })).rejects.toThrow('crash');
    const handled = await run(state, 6);
    expect(handled).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(requests.filter((c) => c === '-').length).toBeGreaterThanOrEqual(2);
  });
});
