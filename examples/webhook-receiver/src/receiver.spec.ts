import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { createReceiver, type CloudEvent } from './receiver';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const event = (id: string): CloudEvent => ({ id, type: 'pledgebook.pledge.pledge-submitted.v1', source: '/bureaus/weihai/pledge-service', subject: 'pledges/p1', time: new Date().toISOString(), bureauid: 'weihai', data: { pledgeId: 'p1' } });

/** Signs as Pledgebook does (the library's sign), optionally with more secrets (a rotation). */
function signed(e: CloudEvent, secrets: string[] = [secret], at = new Date()) {
  const body = JSON.stringify(e);
  const signature = secrets.map((s) => new Webhook(s).sign(e.id, at, body)).join(' ');
  return { body, headers: { 'content-type': 'application/cloudevents+json', 'webhook-id': e.id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature } };
}

let server: Server;
let url: string;
const handled: string[] = [];
beforeAll(async () => {
  server = createReceiver({ secrets: [secret], onEvent: (e) => void handled.push(e.id) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/pledgebook`;
});
afterAll(() => new Promise((r) => server.close(r)));

const post = (request: { body: string; headers: Record<string, string> }) => fetch(url, { method: 'POST', ...request }).then((r) => r.status);

describe('the example webhook receiver', () => {
  it('takes a signed event once: a redelivery of the same id is acknowledged and not handled again', async () => {
    expect(await post(signed(event('e1')))).toBe(204);
    expect(await post(signed(event('e1')))).toBe(204);
    expect(await post(signed(event('e2')))).toBe(204);
    expect(handled).toEqual(['e1', 'e2']);
  });

  it('refuses a changed body, another secret, a stale timestamp and missing headers', async () => {
    const good = signed(event('e3'));
    expect(await post({ ...good, body: good.body.replace('p1', 'p2') })).toBe(401);
    expect(await post(signed(event('e3'), [`whsec_${randomBytes(32).toString('base64')}`]))).toBe(401);
    expect(await post(signed(event('e3'), [secret], new Date(Date.now() - 10 * 60_000)))).toBe(401);
    expect(await post({ body: good.body, headers: { 'content-type': 'application/json' } })).toBe(401);
    expect(handled).not.toContain('e3');
  });

  it('accepts a delivery signed with both secrets during a rotation', async () => {
    expect(await post(signed(event('e4'), [`whsec_${randomBytes(32).toString('base64')}`, secret]))).toBe(204);
    expect(handled).toContain('e4');
  });
});
