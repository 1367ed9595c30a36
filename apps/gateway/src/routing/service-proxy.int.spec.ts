// The proxy against a real upstream HTTP server: forwarded headers, the upstream timeout, and a
// client that goes away mid-request aborting the upstream request.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serviceProxy } from './service-proxy';

interface Seen {
  headers: IncomingMessage['headers'];
  closedEarly: boolean;
}

let upstream: Server;
let gateway: Server;
let gatewayPort: number;
const seen: Seen[] = [];
const received: Buffer[] = [];

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const record: Seen = { headers: req.headers, closedEarly: false };
    seen.push(record);
    res.on('close', () => (record.closedEarly = !res.writableFinished));
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => received.push(Buffer.concat(body)));
    const delay = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('delay') ?? 0);
    setTimeout(() => {
      if (!res.destroyed) res.end(JSON.stringify({ ok: true }));
    }, delay);
  });
  const upstreamPort = await listen(upstream);
  const services = { 'pledge-service': `http://127.0.0.1:${upstreamPort}`, 'review-service': 'http://127.0.0.1:1', 'appraisal-service': 'http://127.0.0.1:1', 'reward-service': 'http://127.0.0.1:1' };
  const proxy = serviceProxy(services, { bodyLimit: 1024, evidenceLimit: 4096, headers: {}, upstreamTimeoutMs: 300 }, { finished: () => undefined });
  gateway = createServer((req, res) => {
    if (!proxy(req, res)) res.writeHead(404).end();
  });
  gatewayPort = await listen(gateway);
});

afterAll(async () => {
  gateway.closeAllConnections();
  upstream.closeAllConnections();
  await new Promise((r) => gateway.close(r));
  await new Promise((r) => upstream.close(r));
});

describe('service proxy', () => {
  it('appends this hop to X-Forwarded-For and keeps the original host and protocol', async () => {
    const reply = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/pledges?mark=xff`, { headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'pledgebook.example.gov.cn' } });
    expect(reply.status).toBe(200);
    const headers = seen.at(-1)!.headers;
    expect(headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['x-forwarded-host']).toBe('pledgebook.example.gov.cn');
  });

  it('sets X-Forwarded-* when the gateway is the first hop', async () => {
    await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/pledges?mark=first`);
    const headers = seen.at(-1)!.headers;
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(`127.0.0.1:${gatewayPort}`);
  });

  it('answers 504 when the service takes longer than the upstream timeout, and aborts its request', async () => {
    const started = Date.now();
    const reply = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/pledges?delay=5000`);
    expect(reply.status).toBe(504);
    expect(await reply.json()).toMatchObject({ status: 504, code: 'service_timeout' });
    expect(Date.now() - started).toBeLessThan(4000);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.at(-1)!.closedEarly).toBe(true);
  });

  it('accepts a directory file up to 20 times the JSON body limit, and no more', async () => {
    const file = 'x'.repeat(10 * 1024);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/pledges`, { method: 'POST', body: file })).status).toBe(413);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/bureaus/weihai/directory/import`, { method: 'POST', body: file, headers: { 'content-type': 'text/csv' } })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/bureaus/weihai/directory/import`, { method: 'POST', body: 'x'.repeat(21 * 1024), headers: { 'content-type': 'text/csv' } })).status).toBe(413);
  });

  it('passes an evidence file on up to the evidence limit, bytes unchanged, and no larger', async () => {
    const photo = Buffer.alloc(3000, 0xd8);
    const ok = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/pledges/p1/evidence`, { method: 'POST', body: photo, headers: { 'content-type': 'image/jpeg' } });
    expect(ok.status).toBe(200);
    expect(seen[seen.length - 1]!.headers['content-type']).toBe('image/jpeg');
    expect(received[received.length - 1]!.equals(photo)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/pledges/p1/evidence`, { method: 'POST', body: Buffer.alloc(4097), headers: { 'content-type': 'image/jpeg' } })).status).toBe(413);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/appraisals/bureaus/weihai/evidence`, { method: 'POST', body: Buffer.alloc(4097), headers: { 'content-type': 'image/png' } })).status).toBe(413);
  });

  it('aborts the upstream request when the client goes away', async () => {
    const before = seen.length;
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: gatewayPort, path: '/api/v1/pledges?delay=2000' });
      req.on('error', () => resolve());
      req.end();
      const poll = setInterval(() => {
        if (seen.length > before) {
          clearInterval(poll);
          req.destroy();
          resolve();
        }
      }, 10);
    });
    for (let waited = 0; !seen.at(-1)!.closedEarly && waited < 1000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)!.closedEarly).toBe(true);
  });
});
