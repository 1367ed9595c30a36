import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { AllowList } from './allow-list';
import { newSecret, signingSecrets, WebhookSigner } from './signing';
import { checkTarget } from './target-rules';

describe('the webhook allow-list', () => {
  const list = new AllowList(['hooks.cadre.gov.cn', '*.oversight.gov.cn', '127.0.0.1', '10.20.0.0/16', '[::1]']);

  it('matches target hosts by name, by wildcard (names under the domain only) and by address', () => {
    expect(list.hostAllowed('hooks.cadre.gov.cn')).toBe(true);
    expect(list.hostAllowed('HOOKS.cadre.gov.cn')).toBe(true);
    expect(list.hostAllowed('evil.hooks.cadre.gov.cn')).toBe(false);
    expect(list.hostAllowed('a.oversight.gov.cn')).toBe(true);
    expect(list.hostAllowed('oversight.gov.cn')).toBe(false);
    expect(list.hostAllowed('xoversight.gov.cn')).toBe(false);
    expect(list.hostAllowed('127.0.0.1')).toBe(true);
    expect(list.hostAllowed('10.20.3.4')).toBe(true);
    expect(list.hostAllowed('10.21.3.4')).toBe(false);
    expect(list.hostAllowed('[::1]')).toBe(true);
    expect(list.hostAllowed('localhost')).toBe(false);
  });

  it('admits after DNS only public addresses and the internal ones the list names', () => {
    expect(list.addressAllowed('203.0.113.9')).toBe(true);
    expect(list.addressAllowed('10.20.9.9')).toBe(true);
    for (const internal of ['10.0.0.1', '127.0.0.2', '169.254.169.254', '192.168.1.1', '172.16.0.1', '100.64.0.1', '0.0.0.0', '::ffff:127.0.0.2', 'fd00::1', 'fe80::1']) {
      expect([internal, list.addressAllowed(internal)]).toEqual([internal, false]);
    }
    expect(new AllowList(['hooks.cadre.gov.cn']).addressAllowed('127.0.0.1')).toBe(false);
  });

  it('checks the setting’s entries', () => {
    for (const good of ['hooks.example.gov.cn', '*.example.gov.cn', '127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']) expect([good, AllowList.validEntry(good)]).toEqual([good, true]);
    for (const bad of ['http://x', 'a b', '10.0.0.0/33', '*', 'host/8', '']) expect([bad, AllowList.validEntry(bad)]).toEqual([bad, false]);
  });

  it('takes a target only on the list, over HTTPS where the profile asks for it, without credentials', () => {
    const policy = { allowList: list, requireHttps: true };
    expect(checkTarget('https://hooks.cadre.gov.cn/pledgebook', policy)).toEqual({ url: 'https://hooks.cadre.gov.cn/pledgebook' });
    expect(() => checkTarget('http://hooks.cadre.gov.cn/pledgebook', policy)).toThrow(expect.objectContaining({ code: 'target_not_https', kind: 'invalid' }));
    expect(() => checkTarget('https://example.com/hook', policy)).toThrow(expect.objectContaining({ code: 'target_not_allowed' }));
    expect(() => checkTarget('https://user:pw@hooks.cadre.gov.cn/', policy)).toThrow(expect.objectContaining({ code: 'target_invalid' }));
    expect(() => checkTarget('ftp://hooks.cadre.gov.cn/', policy)).toThrow(expect.objectContaining({ code: 'target_invalid' }));
    expect(() => checkTarget('not a url', policy)).toThrow(expect.objectContaining({ code: 'target_invalid', details: expect.objectContaining({ field: 'target/url' }) }));
    expect(checkTarget('http://127.0.0.1:4000/hook', { allowList: list, requireHttps: false })).toEqual({ url: 'http://127.0.0.1:4000/hook' });
  });
});

describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({ specversion: '1.0', id: '018f0000-0000-7000-8000-000000000001', type: 'pledgebook.pledge.pledge-submitted.v1', data: { text: '資助一名困難學生' } });
  const id = '018f0000-0000-7000-8000-000000000001';

  it('makes whsec_ secrets of 32 random bytes', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSecret()).not.toBe(secret);
  });

  it('signs id.timestamp.body with HMAC-SHA256 as the specification says, and the library verifies it', () => {
    const secret = newSecret();
    const at = new Date();
    const headers = new WebhookSigner().headers([{ secretId: 's1', secret, createdAt: at.toISOString() }], id, body, at);
    const timestamp = Math.floor(at.getTime() / 1000);
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
    expect(headers).toEqual({ 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${expected}` });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('困難', '貧困'), headers)).toThrow('No matching signature found');
  });

  it('signs exactly as the official library signs, for any id, time and body', () => {
    const signer = new WebhookSigner();
    const bodies = ['', body, '{"text":"資助一名困難學生 😀 \\u0000 \\""}', 'x'.repeat(70_000)];
    bodies.forEach((text, n) => {
      const secret = newSecret();
      const at = new Date(1_764_000_000_000 + n * 1_234_567);
      const eventId = `${id}-${n}`;
      const signed = signer.headers([{ secretId: 's', secret, createdAt: at.toISOString() }], eventId, text, at);
      expect(signed['webhook-signature']).toBe(new Webhook(secret).sign(eventId, at, text));
    });
  });

  it('signs with both secrets during a rotation’s overlap, and with the new one only after it', () => {
    const [oldSecret, newer] = [newSecret(), newSecret()];
    const now = Date.now();
    const secrets = [
      { secretId: 'new', secret: newer, createdAt: new Date(now).toISOString() },
      { secretId: 'old', secret: oldSecret, createdAt: new Date(now - 1e6).toISOString(), expiresAt: new Date(now + 3_600_000).toISOString() },
    ];
    const during = new WebhookSigner().headers(signingSecrets(secrets, now), id, body, new Date(now));
    expect(during['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, during)).not.toThrow();
    expect(() => new Webhook(newer).verify(body, during)).not.toThrow();
    const after = signingSecrets(secrets, now + 3_600_001);
    expect(after.map((s) => s.secretId)).toEqual(['new']);
  });
});
