// The webhook sender against real local HTTP servers: the allow-list holds after DNS, no
// redirect is followed, a silent receiver times out, and the receiver's status reaches the log.
import { AllowList, WebhookSender } from '@pledgebook/gateway-subscriptions';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let server: Server;
let port: number;
let requests: string[] = [];
let connections = 0;
let answer: (path: string, res: import('node:http').ServerResponse) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    req.resume();
    req.on('end', () => answer(req.url ?? '', res));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  requests = [];
  connections = 0;
  answer = (_p, res) => res.writeHead(204).end();
});

const body = JSON.stringify({ id: 'e1' });
const headers = { 'webhook-id': 'e1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' };

describe('the webhook sender', () => {
  it('delivers to an allowed address and reports status and latency', async () => {
    const sender = new WebhookSender(new AllowList(['127.0.0.1']), { timeoutMs: 2_000 });
    const result = await sender.send(`http://127.0.0.1:${port}/hook`, headers, body);
    sender.close();
    expect(result).toMatchObject({ ok: true, status: 204 });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('sends to the target’s path and query over one kept-alive connection, and refuses a target off the list every time', async () => {
    const sender = new WebhookSender(new AllowList(['127.0.0.1']), { timeoutMs: 2_000 });
    for (let n = 0; n < 3; n++) expect(await sender.send(`http://127.0.0.1:${port}/hook?subscriber=cadre&n=1`, headers, body)).toMatchObject({ ok: true, status: 204 });
    for (let n = 0; n < 2; n++) expect((await sender.send(`http://10.9.9.9:${port}/hook`, headers, body)).error).toBe('10.9.9.9 is not on the webhook allow-list');
    expect((await sender.send('not a url', headers, body)).error).toBe('the target is not a URL');
    sender.close();
    expect(requests).toEqual(['/hook?subscriber=cadre&n=1', '/hook?subscriber=cadre&n=1', '/hook?subscriber=cadre&n=1']);
    expect(connections).toBe(1);
  });

  it('never connects to an address outside the allow-list, even when the name is on it', async () => {
    const byName = new WebhookSender(new AllowList(['localhost']), { timeoutMs: 2_000 });
    const refused = await byName.send(`http://localhost:${port}/hook`, headers, body);
    byName.close();
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which the webhook allow-list does not admit/);
    expect(connections).toBe(0);
    const notListed = new WebhookSender(new AllowList(['hooks.example.gov.cn']), { timeoutMs: 2_000 });
    expect((await notListed.send(`http://127.0.0.1:${port}/hook`, headers, body)).error).toBe('127.0.0.1 is not on the webhook allow-list');
    notListed.close();
    expect(connections).toBe(0);
    const both = new WebhookSender(new AllowList(['localhost', '127.0.0.1', '::1']), { timeoutMs: 2_000 });
    expect(await both.send(`http://localhost:${port}/hook`, headers, body)).toMatchObject({ ok: true, status: 204 });
    both.close();
  });

  it('does not follow redirects', async () => {
    answer = (path, res) => res.writeHead(path === '/hook' ? 302 : 204, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    const sender = new WebhookSender(new AllowList(['127.0.0.1']), { timeoutMs: 2_000 });
    const result = await sender.send(`http://127.0.0.1:${port}/hook`, headers, body);
    sender.close();
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(result.error).toMatch(/redirects are not followed/);
    expect(requests).toEqual(['/hook']);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    answer = () => undefined;
    const sender = new WebhookSender(new AllowList(['127.0.0.1']), { timeoutMs: 300 });
    const started = Date.now();
    const result = await sender.send(`http://127.0.0.1:${port}/hook`, headers, body);
    sender.close();
    expect(result).toMatchObject({ ok: false, error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('passes on 410 Gone, Retry-After and the start of an error answer', async () => {
    const sender = new WebhookSender(new AllowList(['127.0.0.1']), { timeoutMs: 2_000 });
    answer = (_p, res) => res.writeHead(410).end('unsubscribed');
    expect(await sender.send(`http://127.0.0.1:${port}/hook`, headers, body)).toMatchObject({ ok: false, status: 410, gone: true, error: 'answered 410: unsubscribed' });
    answer = (_p, res) => res.writeHead(503, { 'retry-after': '7' }).end();
    expect(await sender.send(`http://127.0.0.1:${port}/hook`, headers, body)).toMatchObject({ ok: false, status: 503, retryAfterMs: 7_000 });
    sender.close();
  });
});
