// Two gateway processes on one data directory (as behind a load balancer on one host): the
// login rate limit is counted in gateway.db, so a client gets its allowance once, not once per
// process.
import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'main.ts');
let first: Harness;
let second: Harness;

beforeAll(async () => {
  const env = { PLEDGEBOOK_ADMIN_PASSWORD: 'Weihai-Admin-2026!', LOGIN_RATE_LIMIT_PER_MINUTE: '3', PLEDGEBOOK_DEMO: '0' };
  first = await startServiceProcess(MAIN, { portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env });
  second = await startServiceProcess(MAIN, { portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, dataDir: first.dataDir, env });
}, 90_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const attempt = (h: Harness) => h.call(undefined, 'POST', '/api/v1/auth/login', { username: 'nobody', password: 'wrong-password-1' });

describe('login rate limit across gateway processes', () => {
  it('counts a client’s logins at every process together', async () => {
    expect((await attempt(first)).status).toBe(401);
    expect((await attempt(second)).status).toBe(401);
    expect((await attempt(first)).status).toBe(401);
    const limited = await attempt(second);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt(first)).status).toBe(429);
  });
});
