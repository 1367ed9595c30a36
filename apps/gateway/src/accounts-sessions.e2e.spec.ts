// Sessions (refresh, sign-out), one's own password (forced after an initial one), and the
// accounts admins manage (list, reset, bulk with initial passwords, disable/enable), against the
// gateway as a process; and the web console it serves at `/` without shadowing its own paths.
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ADMIN_PASSWORD = 'Weihai-Admin-2026!';
const consoleDir = mkdtempSync(join(tmpdir(), 'pledgebook-console-dist-'));
let h: Harness;

beforeAll(async () => {
  mkdirSync(join(consoleDir, 'assets'));
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
  writeFileSync(join(consoleDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  h = await startServiceProcess(join(__dirname, 'main.ts'), {
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD, CONSOLE_DIR: consoleDir },
  });
}, 90_000);
afterAll(async () => {
  await h.close();
  rmSync(consoleDir, { recursive: true, force: true });
});

const login = (username: string, password: string) => h.call(undefined, 'POST', '/api/v1/auth/login', { username, password });
const bearer = (token: string): Caller => ({ token, claims: { sub: '', bureauId: '', roles: [] } });
const fieldsOf = (r: Reply) => (r.body.errors ?? []).map((e: { field: string }) => e.field);
const UNKNOWN_SESSION = `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`;

let root: Caller;
let admin: Caller;

describe('sessions', () => {
  it('signs in with a refresh token, refreshes into a new pair, and ends the session when a spent token is used again', async () => {
    const first = await login('admin', ADMIN_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, mustChangePassword: false, username: 'admin', refreshToken: expect.any(String), refreshExpiresIn: 12 * 3600 });
    root = bearer(first.body.accessToken);
    const refreshed = await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await h.call(bearer(refreshed.body.accessToken), 'GET', '/api/v1/bureaus/system/accounts')).status).toBe(200);
    // The first refresh token is spent: using it again ends the session, so the second is refused too.
    expect((await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  });

  it('signs out: the refresh token is refused afterwards, and signing out again is no error', async () => {
    const signedIn = await login('admin', ADMIN_PASSWORD);
    const { refreshToken } = signedIn.body;
    expect((await h.call(undefined, 'POST', '/api/v1/auth/logout', { refreshToken })).status).toBe(204);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken })).status).toBe(401);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/logout', { refreshToken })).status).toBe(204);
    // A signed-out session's access token can no longer change the password.
    expect((await h.call(bearer(signedIn.body.accessToken), 'POST', '/api/v1/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: 'Another-Admin-2027!' })).status).toBe(401);
  });

  it('refuses malformed, unknown and mismatched refresh tokens', async () => {
    for (const path of ['/api/v1/auth/refresh', '/api/v1/auth/logout']) {
      expect(fieldsOf(await h.call(undefined, 'POST', path, {}))).toEqual(['/refreshToken']);
      expect(fieldsOf(await h.call(undefined, 'POST', path, { refreshToken: 'abc' }))).toEqual(['/refreshToken']);
      expect((await h.call(undefined, 'POST', path, { refreshToken: UNKNOWN_SESSION, extra: 1 })).status).toBe(400);
      expect((await h.call(undefined, 'POST', path, { refreshToken: UNKNOWN_SESSION })).status).toBe(401);
    }
    const signedIn = await login('admin', ADMIN_PASSWORD);
    const [sessionId] = signedIn.body.refreshToken.split('.');
    expect((await h.call(undefined, 'POST', '/api/v1/auth/logout', { refreshToken: `${sessionId}.${'B'.repeat(43)}` })).status).toBe(401);
  });
});

describe('accounts', () => {
  it('lets a bureau admin list the bureau’s accounts, paged, and nobody else', async () => {
    expect((await h.call(root, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'ye.qing', password: 'Bureau-Admin-2026', memberId: 'ye-qing', roles: ['member', 'bureau-admin'] })).status).toBe(201);
    admin = bearer((await login('ye.qing', 'Bureau-Admin-2026')).body.accessToken);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'sun.li', password: 'Initial-Pass-2026', memberId: 'sun-li', roles: ['member'], mustChangePassword: true })).body).toMatchObject({ mustChangePassword: true });
    expect((await h.call(root, 'POST', '/api/v1/bureaus/qingdao/accounts', { username: 'qd.admin', password: 'Qingdao-Admin-2026', memberId: 'q', roles: ['bureau-admin'] })).status).toBe(201);
    const first = await h.call(admin, 'GET', '/api/v1/bureaus/weihai/accounts?limit=1');
    expect(first.body.items).toEqual([expect.objectContaining({ username: 'sun.li', memberId: 'sun-li', bureauId: 'weihai', mustChangePassword: true, disabled: false })]);
    expect(first.body.items[0].passwordHash).toBeUndefined();
    const second = await h.call(admin, 'GET', `/api/v1/bureaus/weihai/accounts?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((a: { username: string }) => a.username)).toEqual(['ye.qing']);
    expect(second.body.nextCursor).toBeUndefined();
    expect((await h.call(root, 'GET', '/api/v1/bureaus/qingdao/accounts')).body.items.map((a: { username: string }) => a.username)).toEqual(['qd.admin']);
  });

  it('refuses bad list queries, other bureaus, members and anonymous callers', async () => {
    expect(fieldsOf(await h.call(admin, 'GET', '/api/v1/bureaus/weihai/accounts?limit=0'))).toEqual(['/query/limit']);
    expect(fieldsOf(await h.call(admin, 'GET', '/api/v1/bureaus/weihai/accounts?cursor=%21%21'))).toEqual(['/query/cursor']);
    expect(fieldsOf(await h.call(admin, 'GET', '/api/v1/bureaus/weihai/accounts?sort=name'))).toEqual(['/query/sort']);
    expect(fieldsOf(await h.call(admin, 'GET', '/api/v1/bureaus/Weihai!/accounts'))).toEqual(['/bureauId']);
    expect((await h.call(admin, 'GET', '/api/v1/bureaus/qingdao/accounts')).status).toBe(403);
    expect((await h.call(undefined, 'GET', '/api/v1/bureaus/weihai/accounts')).status).toBe(401);
  });

  it('resets a password to a generated initial one, ending the owner’s sessions', async () => {
    const owner = await login('ye.qing', 'Bureau-Admin-2026');
    const reset = await h.call(root, 'POST', '/api/v1/bureaus/weihai/accounts/ye.qing/password-reset', {});
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ username: 'ye.qing', mustChangePassword: true, initialPassword: expect.stringMatching(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/) });
    expect((await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: owner.body.refreshToken })).status).toBe(401);
    expect((await login('ye.qing', 'Bureau-Admin-2026')).status).toBe(401);
    const forced = await login('ye.qing', reset.body.initialPassword);
    expect(forced.body).toMatchObject({ mustChangePassword: true });
    const changed = await h.call(bearer(forced.body.accessToken), 'POST', '/api/v1/auth/password', { currentPassword: reset.body.initialPassword, newPassword: 'Bureau-Admin-2027' });
    expect(changed.status).toBe(200);
    admin = bearer(changed.body.accessToken);
  });

  it('refuses bad resets', async () => {
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/sun.li/password-reset', { password: 'short' }))).toEqual(['/password']);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/sun.li/password-reset', { password: 'short' })).status).toBe(422);
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/sun.li/password-reset', { pasword: 'Typo-In-Field-1' }))).toEqual(['/pasword']);
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/X!/password-reset', {}))).toEqual(['/username']);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/ghost/password-reset', {})).status).toBe(404);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/qingdao/accounts/qd.admin/password-reset', {})).status).toBe(403);
    expect((await h.call(undefined, 'POST', '/api/v1/bureaus/weihai/accounts/sun.li/password-reset', {})).status).toBe(401);
    // A given password is set as the initial one: the owner must still change it.
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/sun.li/password-reset', { password: 'Chosen-Initial-2026' })).body).toEqual({ username: 'sun.li', mustChangePassword: true });
  });

  it('creates accounts in bulk with printable initial passwords, all or none', async () => {
    const made = await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', {
      accounts: [
        { username: 'wang-xiaodong', memberId: 'wang-xiaodong', roles: ['member', 'branch-secretary'] },
        { username: 'zhao-jingang', memberId: 'zhao-jingang', roles: ['member', 'group-leader'] },
      ],
    });
    expect(made.status).toBe(201);
    expect(made.body.created).toEqual([
      { username: 'wang-xiaodong', memberId: 'wang-xiaodong', roles: ['member', 'branch-secretary'], initialPassword: expect.any(String) },
      { username: 'zhao-jingang', memberId: 'zhao-jingang', roles: ['member', 'group-leader'], initialPassword: expect.any(String) },
    ]);
    expect((await login('zhao-jingang', made.body.created[1].initialPassword)).body).toMatchObject({ mustChangePassword: true, memberId: 'zhao-jingang' });
    const taken = await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', {
      accounts: [
        { username: 'sun-li-2', memberId: 'sun-li', roles: ['member'] },
        { username: 'zhao-jingang', memberId: 'zhao-jingang', roles: ['member'] },
      ],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.taken).toEqual(['zhao-jingang']);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/sun-li-2/disable')).status).toBe(404);
  });

  it('refuses bad bulk requests', async () => {
    const one = { username: 'liu-hm', memberId: 'liu-hm', roles: ['member'] };
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', { accounts: [one, one] }))).toEqual(['/accounts/1/username']);
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', { accounts: [] }))).toEqual(['/accounts']);
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', { accounts: [{ ...one, roles: ['mayor'] }] }))).toEqual(['/accounts/0/roles/0']);
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', { accounts: [{ ...one, username: 'A' }] }))).toEqual(['/accounts/0/username']);
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ username: `person-${i}`, memberId: `p${i}`, roles: ['member'] }));
    expect(fieldsOf(await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', { accounts: tooMany }))).toEqual(['/accounts']);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', { accounts: [{ ...one, roles: ['system-admin'] }] })).status).toBe(403);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/qingdao/accounts/bulk', { accounts: [one] })).status).toBe(403);
    expect((await h.call(undefined, 'POST', '/api/v1/bureaus/weihai/accounts/bulk', { accounts: [one] })).status).toBe(401);
  });

  it('ends a disabled account’s sessions and lets it in again once enabled', async () => {
    const signedIn = await login('sun.li', 'Chosen-Initial-2026');
    const changed = await h.call(bearer(signedIn.body.accessToken), 'POST', '/api/v1/auth/password', { currentPassword: 'Chosen-Initial-2026', newPassword: 'Sun-Li-Own-2026!' });
    expect(changed.status).toBe(200);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/sun.li/disable')).status).toBe(200);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: changed.body.refreshToken })).status).toBe(401);
    expect((await login('sun.li', 'Sun-Li-Own-2026!')).status).toBe(401);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/sun.li/enable')).body).toEqual({ username: 'sun.li', disabled: false });
    expect((await login('sun.li', 'Sun-Li-Own-2026!')).status).toBe(200);
    expect((await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/nobody/enable')).status).toBe(404);
  });
});

describe('one’s own password', () => {
  it('lets a token from an initial password change the password and nothing else', async () => {
    const forced = await login('wang-xiaodong', '');
    expect(forced.status).toBe(400);
    const made = await h.call(admin, 'POST', '/api/v1/bureaus/weihai/accounts/wang-xiaodong/password-reset', { password: 'Secretary-Initial-1' });
    expect(made.status).toBe(200);
    const signedIn = await login('wang-xiaodong', 'Secretary-Initial-1');
    expect(signedIn.body).toMatchObject({ mustChangePassword: true, expiresIn: 600 });
    expect(signedIn.body.refreshToken).toBeUndefined();
    const restricted = bearer(signedIn.body.accessToken);
    // Every other route refuses it (it is not a token for the APIs' audience).
    expect((await h.call(restricted, 'GET', '/api/v1/bureaus/weihai/accounts')).status).toBe(401);
    const change = (body: unknown, caller: Caller | undefined = restricted) => h.call(caller, 'POST', '/api/v1/auth/password', body);
    expect(fieldsOf(await change({ currentPassword: 'Secretary-Initial-1' }))).toEqual(['/newPassword']);
    expect(fieldsOf(await change({ currentPassword: 'Secretary-Initial-1', newPassword: 'x', more: 1 }))).toEqual(['/more']);
    const wrong = await change({ currentPassword: 'Not-The-Password-1', newPassword: 'Secretary-Own-2026' });
    expect([wrong.status, fieldsOf(wrong)]).toEqual([403, ['/currentPassword']]);
    const weak = await change({ currentPassword: 'Secretary-Initial-1', newPassword: 'weakweak' });
    expect([weak.status, fieldsOf(weak)]).toEqual([422, ['/newPassword']]);
    expect(fieldsOf(await change({ currentPassword: 'Secretary-Initial-1', newPassword: 'Secretary-Initial-1' }))).toEqual(['/newPassword']);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/password', { currentPassword: 'Secretary-Initial-1', newPassword: 'Secretary-Own-2026' })).status).toBe(401);
    expect((await change({ currentPassword: 'Secretary-Initial-1', newPassword: 'Secretary-Own-2026' }, bearer('not.a.token'))).status).toBe(401);
    const changed = await change({ currentPassword: 'Secretary-Initial-1', newPassword: 'Secretary-Own-2026' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ mustChangePassword: false, refreshToken: expect.any(String), roles: ['member', 'branch-secretary'] });
    expect((await login('wang-xiaodong', 'Secretary-Initial-1')).status).toBe(401);
    expect((await login('wang-xiaodong', 'Secretary-Own-2026')).body).toMatchObject({ mustChangePassword: false });
  });

  it('ends the account’s other sessions when a signed-in person changes their password', async () => {
    const a = await login('wang-xiaodong', 'Secretary-Own-2026');
    const b = await login('wang-xiaodong', 'Secretary-Own-2026');
    const changed = await h.call(bearer(b.body.accessToken), 'POST', '/api/v1/auth/password', { currentPassword: 'Secretary-Own-2026', newPassword: 'Secretary-Own-2027' });
    expect(changed.status).toBe(200);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: a.body.refreshToken })).status).toBe(401);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: changed.body.refreshToken })).status).toBe(200);
  });
});

describe('the web console at /', () => {
  const get = (path: string, init: RequestInit = {}) => fetch(h.baseUrl + path, init);

  it('serves the build, with the SPA’s index for its routes and long caching for hashed assets', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(await index.text()).toContain('<div id="root">');
    const route = await get('/member/book?year=2026');
    expect([route.status, route.headers.get('cache-control')]).toEqual([200, 'no-cache']);
    expect(await route.text()).toContain('<div id="root">');
    const asset = await get('/assets/index-abc123.js');
    expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await get('/assets/missing-1.js')).status).toBe(404);
  });

  it('never shadows the gateway’s own paths or the APIs', async () => {
    expect((await get('/api/v1/nothing-here')).headers.get('content-type')).toMatch(/json/);
    expect((await get('/health/live')).headers.get('content-type')).toMatch(/json/);
    expect((await get('/.well-known/jwks.json')).headers.get('content-type')).toMatch(/json/);
    expect((await get('/metrics')).headers.get('content-type')).toMatch(/text\/plain/);
    expect((await get('/api/docs/openapi.json')).headers.get('content-type')).toMatch(/json/);
    const post = await get('/', { method: 'POST' });
    expect([post.status, post.headers.get('content-type')]).toEqual([404, expect.stringMatching(/problem\+json/)]);
  });
});
