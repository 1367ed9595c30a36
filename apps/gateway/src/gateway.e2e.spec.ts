import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { join } from 'node:path';

const ADMIN_PASSWORD = 'Weihai-Admin-2026!';
let h: Harness;

beforeAll(async () => {
  h = await startServiceProcess(join(__dirname, 'main.ts'), {
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD },
  });
}, 90_000);
afterAll(() => h.close());

async function login(username: string, password: string): Promise<{ status: number; caller?: Caller; body: Reply['body'] }> {
  const r = await h.call(undefined, 'POST', '/api/v1/auth/login', { username, password });
  return { status: r.status, body: r.body, ...(r.status === 200 ? { caller: { token: r.body.accessToken, claims: { sub: username, bureauId: '', roles: [] } } } : {}) };
}

describe('gateway identity', () => {
  let root: Caller;
  let weihaiAdmin: Caller;

  it('logs the first system admin in and publishes the verification key', async () => {
    const r = await login('admin', ADMIN_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    root = r.caller!;
    const jwks = await h.call(undefined, 'GET', '/.well-known/jwks.json');
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.body.keys[0].d).toBeUndefined();
  });

  it('lets a system admin create a bureau admin, who creates the bureau’s accounts', async () => {
    const created = await h.call(root, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'sun.li', password: 'Branch-Secretary-9', memberId: 'sun', roles: ['bureau-admin'] });
    expect(created.status).toBe(201);
    weihaiAdmin = (await login('sun.li', 'Branch-Secretary-9')).caller!;
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'wang.xd', password: 'Statistics-First-1', memberId: 'wang', roles: ['member'] })).status).toBe(201);
    const wang = await login('wang.xd', 'Statistics-First-1');
    expect(wang.status).toBe(200);
    const claims = JSON.parse(Buffer.from(wang.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'wang', bureauId: 'weihai', roles: ['member'], iss: 'pledgebook', aud: 'pledgebook' });
  });

  it('refuses weak passwords, taken usernames, other bureaus, and self-promotion', async () => {
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'li.hm', password: 'short', memberId: 'li', roles: ['member'] })).body).toMatchObject({ status: 422, detail: expect.stringContaining('at least 12 characters') });
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'wang.xd', password: 'Another-Strong-1', memberId: 'x', roles: ['member'] })).status).toBe(409);
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/qingdao/accounts', { username: 'q.user', password: 'Another-Strong-1', memberId: 'x', roles: ['member'] })).status).toBe(403);
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'boss', password: 'Another-Strong-1', memberId: 'x', roles: ['system-admin'] })).status).toBe(403);
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'x', password: 'Another-Strong-1', memberId: 'x', roles: ['member'], extra: 1 })).status).toBe(400);
    expect((await h.call(undefined, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'anon', password: 'Another-Strong-1', memberId: 'x', roles: ['member'] })).status).toBe(401);
  });

  it('answers unknown users and wrong passwords alike, and refuses a disabled account', async () => {
    const unknown = await login('nobody', 'Whatever-12345');
    const wrong = await login('wang.xd', 'Statistics-First-2');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts/wang.xd/disable')).body).toEqual({ username: 'wang.xd', disabled: true });
    expect((await login('wang.xd', 'Statistics-First-1')).status).toBe(401);
    expect((await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts/ghost/disable')).status).toBe(404);
  });

  it('locks an account after ten failed logins', async () => {
    await h.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'zhao.jg', password: 'Group-Leader-2026', memberId: 'zhao', roles: ['member', 'group-leader'] });
    const attempts = await Promise.all(Array.from({ length: 10 }, () => login('zhao.jg', 'Not-His-Password-1')));
    expect(attempts.every((a) => a.status === 401)).toBe(true);
    const locked = await h.call(undefined, 'POST', '/api/v1/auth/login', { username: 'zhao.jg', password: 'Group-Leader-2026' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
  }, 60_000);

  it('checks the login body', async () => {
    expect((await h.call(undefined, 'POST', '/api/v1/auth/login', { username: 'admin' })).body).toMatchObject({ status: 400, errors: [{ field: '/password' }] });
    expect((await h.call(undefined, 'POST', '/api/v1/auth/login', '{"username":', { 'content-type': 'application/json' })).status).toBe(400);
  });
});
