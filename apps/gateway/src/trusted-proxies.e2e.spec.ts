// Behind an ingress every request comes from the ingress's address: with the ingress named in
// TRUSTED_PROXIES the login rate limit counts each client by its forwarded address instead.
import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { join } from 'node:path';

let trusting: Harness;
let plain: Harness;

beforeAll(async () => {
  const env = { PLEDGEBOOK_ADMIN_PASSWORD: 'Weihai-Admin-2026!', LOGIN_RATE_LIMIT_PER_MINUTE: '2', PLEDGEBOOK_DEMO: '0' };
  trusting = await startServiceProcess(join(__dirname, 'main.ts'), { portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env: { ...env, TRUSTED_PROXIES: 'loopback' } });
  plain = await startServiceProcess(join(__dirname, 'main.ts'), { portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env });
}, 90_000);
afterAll(async () => {
  await trusting?.close();
  await plain?.close();
});

const attempt = (h: Harness, client: string) => h.call(undefined, 'POST', '/api/v1/auth/login', { username: 'nobody', password: 'wrong-password-1' }, { 'x-forwarded-for': client });

describe('login rate limit behind a proxy', () => {
  it('counts each forwarded client on its own when the proxy is trusted', async () => {
    expect((await attempt(trusting, '198.51.100.1')).status).toBe(401);
    expect((await attempt(trusting, '198.51.100.1')).status).toBe(401);
    expect((await attempt(trusting, '198.51.100.1')).status).toBe(429);
    // Another user behind the same ingress is not locked out by the first one.
    expect((await attempt(trusting, '198.51.100.2')).status).toBe(401);
  });

  it('ignores X-Forwarded-For from an address it does not trust (a client cannot dodge the limit)', async () => {
    expect((await attempt(plain, '198.51.100.1')).status).toBe(401);
    expect((await attempt(plain, '198.51.100.2')).status).toBe(401);
    expect((await attempt(plain, '198.51.100.3')).status).toBe(429);
  });

  it('refuses a malformed TRUSTED_PROXIES setting, naming it', async () => {
    await expect(startServiceProcess(join(__dirname, 'main.ts'), { portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env: { TRUSTED_PROXIES: 'the ingress' } })).rejects.toThrow(/TRUSTED_PROXIES/);
  });
});
