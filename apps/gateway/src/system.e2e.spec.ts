// The gateway and the pledge service as real processes on one data directory: identity,
// bureau isolation, token checks, limits, and the observability every process offers.
import { loadOrCreateSigningKey } from '@pledgebook/gateway-keys';
import { openReadModelStore } from '@pledgebook/infrastructure';
import { ACCESS_DENIALS, startServiceProcess, type AccessDenial, type Caller, type Harness } from '@pledgebook/nest/testing';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The programme year the services go by: the year in China Standard Time. */
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

const ADMIN_PASSWORD = 'System-Admin-Weihai-1';
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-system-'));
let pledge: Harness;
let gateway: Harness;

beforeAll(async () => {
  pledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir, trustTestKey: false, env: { LOG_LEVEL: 'info' } });
  gateway = await startServiceProcess(join(__dirname, 'main.ts'), {
    dataDir,
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD, PLEDGE_SERVICE_URL: pledge.baseUrl, LOG_LEVEL: 'info', LOGIN_RATE_LIMIT_PER_MINUTE: '25' },
  });
}, 120_000);
afterAll(async () => {
  await gateway?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(username: string, password: string): Promise<Caller> {
  const r = await gateway.call(undefined, 'POST', '/api/v1/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.accessToken, claims: { sub: username, bureauId: '', roles: [] } };
}

async function account(by: Caller, bureauId: string, username: string, memberId: string, roles: string[]): Promise<Caller> {
  const password = 'Civil-Service-Pledge-26';
  const r = await gateway.call(by, 'POST', `/api/v1/bureaus/${bureauId}/accounts`, { username, password, memberId, roles });
  expect(r.status).toBe(201);
  return login(username, password);
}

const CSV = ['record,key,name,type,parent,partyStatus,branch,group,department,roles', 'unit,branch-1,機關黨支部,party-branch,,,,,,', 'unit,group-1,第一黨小組,party-group,branch-1,,,,,', 'unit,dept-1,綜合科,department,,,,,,', 'member,wang,王曉東,,,full,,group-1,dept-1,member'].join('\n');
const ITEMS = [
  { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
  { kind: 'position', text: '把人口抽樣調查做到全省一流', target: '全省前三', benchmark: true },
  { kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年2000元' },
];

describe('the system behind the gateway', () => {
  let wang: Caller;
  let qingdaoAdmin: Caller;
  let pledgeId: string;

  it('lets a member draft and submit a pledge through the gateway, with one correlation id in both processes’ logs', async () => {
    const root = await login('admin', ADMIN_PASSWORD);
    for (const [bureauId, name] of [['weihai', '威海市統計局'], ['qingdao', '青島市統計局']]) {
      expect((await gateway.call(root, 'POST', '/api/v1/bureaus', { bureauId, name, level: 'city' })).status).toBe(201);
    }
    const weihaiAdmin = await account(root, 'weihai', 'weihai.admin', 'weihai-admin', ['bureau-admin']);
    qingdaoAdmin = await account(root, 'qingdao', 'qingdao.admin', 'qingdao-admin', ['bureau-admin']);
    const imported = await gateway.call(weihaiAdmin, 'POST', '/api/v1/bureaus/weihai/directory/import', CSV, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
    wang = await account(weihaiAdmin, 'weihai', 'wang.xd', 'wang', ['member']);

    const drafted = await gateway.call(wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items: ITEMS });
    expect(drafted.status).toBe(201);
    pledgeId = drafted.body.pledgeId;
    const submitted = await gateway.call(wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`, undefined, { 'x-correlation-id': 'e2e-submit-wang' });
    expect(submitted.status).toBe(200);
    expect(submitted.headers.get('x-correlation-id')).toBe('e2e-submit-wang');
    const book = await gateway.call(wang, 'GET', `/api/v1/pledges/${pledgeId}`);
    expect(book.body).toMatchObject({ pledgeId, status: 'submitted' });
    // What a reader is shown depends on who asks: a browser keeps it for this caller only and asks again each time.
    expect(book.headers.get('etag')).toBeTruthy();
    expect([book.headers.get('cache-control'), book.headers.get('vary')]).toEqual(['private, no-cache', 'Authorization']);
    const gatewaysOwn = await gateway.call(root, 'GET', '/api/v1/bureaus/weihai/accounts');
    expect([gatewaysOwn.status, gatewaysOwn.headers.get('cache-control'), gatewaysOwn.headers.get('vary')]).toEqual([200, 'private, no-cache', 'Authorization']);

    const history = await gateway.call(wang, 'GET', `/api/v1/pledges/${pledgeId}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'PledgeSubmitted', correlationId: 'e2e-submit-wang', actorId: 'wang' });
    const lines = (text: string) => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines(gateway.output()).filter((l) => l.correlationId === 'e2e-submit-wang')).toEqual([expect.objectContaining({ service: 'gateway', msg: 'request completed', res: { statusCode: 200 } })]);
    expect(lines(pledge.output()).filter((l) => l.correlationId === 'e2e-submit-wang')).toContainEqual(expect.objectContaining({ service: 'pledge-service', req: { method: 'POST', url: `/api/v1/pledges/${pledgeId}/submit` } }));
  });

  it('keeps another bureau’s admin out, and records each denial (who, what, when, why)', async () => {
    for (const [method, path, body] of [
      ['GET', `/api/v1/pledges/${pledgeId}`],
      ['GET', `/api/v1/pledges/${pledgeId}/history`],
      ['PATCH', `/api/v1/pledges/${pledgeId}`, { items: ITEMS }],
      ['POST', `/api/v1/pledges/${pledgeId}/withdraw`, { reason: 'not mine to withdraw' }],
      ['GET', '/api/v1/bureaus/weihai/members'],
    ] as const) {
      const r = await gateway.call(qingdaoAdmin, method, path, body);
      expect([403, 404]).toContain(r.status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await gateway.call(wang, 'GET', `/api/v1/pledges/${pledgeId}`)).body.status).toBe('submitted');

    // The gateway's own routes record their denials too (in gateway.db).
    expect((await gateway.call(qingdaoAdmin, 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'intruder', password: 'Civil-Service-Pledge-26', memberId: 'x', roles: ['member'] })).status).toBe(403);
    const gatewayDb = new Database(join(dataDir, 'gateway.db'), { readonly: true });
    try {
      const entries = (gatewayDb.prepare('SELECT entry FROM access_denials').all() as { entry: string }[]).map((r) => JSON.parse(r.entry) as AccessDenial);
      expect(entries).toContainEqual(expect.objectContaining({ service: 'gateway', status: 403, subject: 'qingdao-admin', bureauId: 'qingdao', method: 'POST', path: '/api/v1/bureaus/weihai/accounts', why: expect.stringContaining('outside your bureau') }));
    } finally {
      gatewayDb.close();
    }

    const views = await openReadModelStore(`sqlite:${join(dataDir, 'pledge-views.db')}`);
    try {
      const { items } = await views.collection<AccessDenial>(ACCESS_DENIALS).find({ subject: 'qingdao-admin' });
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(items[0]).toMatchObject({ service: 'pledge-service', status: 403, bureauId: 'qingdao', roles: ['bureau-admin'], why: expect.any(String), at: expect.any(String) });
      expect(items.map((d) => `${d.method} ${d.path}`)).toContain('GET /api/v1/bureaus/weihai/members');
    } finally {
      await views.close();
    }
  });

  it('answers 401 to forged, expired and foreign-key tokens', async () => {
    const [header, payload, signature] = wang.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, roles: ['bureau-admin'] })).toString('base64url'), signature].join('.');
    const signing = await loadOrCreateSigningKey(dataDir);
    const expired = await new SignJWT({ bureauId: 'weihai', roles: ['member'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid })
      .setSubject('wang')
      .setIssuer('pledgebook')
      .setAudience('pledgebook')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
      .sign(signing.key);
    const foreign = await gateway.tokens.sign({ sub: 'wang', bureauId: 'weihai', roles: ['member'] });
    for (const token of [forged, expired, foreign, 'not-a-jwt']) {
      const r = await gateway.call({ token, claims: { sub: 'wang', bureauId: 'weihai', roles: [] } }, 'GET', `/api/v1/pledges/${pledgeId}`);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ status: 401, code: 'http_401' });
    }
    const r = await gateway.call({ token: expired, claims: { sub: 'wang', bureauId: 'weihai', roles: [] } }, 'GET', `/api/v1/pledges/${pledgeId}`);
    expect(r.body.detail).toMatch(/"exp" claim/);
  });

  it('answers 401 to a token without exp and to one that lives longer than the maximum, and will not issue such tokens', async () => {
    const signing = await loadOrCreateSigningKey(dataDir);
    const signed = (expiry?: string) => {
      const jwt = new SignJWT({ bureauId: 'weihai', roles: ['member'] }).setProtectedHeader({ alg: 'EdDSA', kid: signing.kid }).setSubject('wang').setIssuer('pledgebook').setAudience('pledgebook').setIssuedAt();
      return (expiry ? jwt.setExpirationTime(expiry) : jwt).sign(signing.key);
    };
    const asWang = (token: string) => ({ token, claims: { sub: 'wang', bureauId: 'weihai', roles: [] } });
    expect((await gateway.call(asWang(await signed('10m')), 'GET', `/api/v1/pledges/${pledgeId}`)).status).toBe(200);
    const unending = await gateway.call(asWang(await signed()), 'GET', `/api/v1/pledges/${pledgeId}`);
    expect(unending.body).toMatchObject({ status: 401, detail: expect.stringContaining('no expiry ("exp" claim)') });
    const tooLong = await gateway.call(asWang(await signed('2d')), 'GET', `/api/v1/pledges/${pledgeId}`);
    expect(tooLong.body).toMatchObject({ status: 401, detail: expect.stringContaining('longer than the 86400 s allowed') });
    // The gateway's own routes verify with the same rule.
    expect((await gateway.call(asWang(await signed()), 'POST', '/api/v1/bureaus/weihai/accounts', { username: 'x', password: 'Civil-Service-Pledge-26', memberId: 'x', roles: ['member'] })).status).toBe(401);

    const misconfigured = mkdtempSync(join(tmpdir(), 'pledgebook-gateway-ttl-'));
    try {
      await expect(
        startServiceProcess(join(__dirname, 'main.ts'), { dataDir: misconfigured, portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env: { TOKEN_TTL_SECONDS: '7200', AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' } }),
      ).rejects.toThrow(/TOKEN_TTL_SECONDS: must not exceed AUTH_MAX_TOKEN_LIFETIME_SECONDS/);
    } finally {
      rmSync(misconfigured, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses an oversize body with 413, on proxied and on the gateway’s own routes', async () => {
    const huge = JSON.stringify({ year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items: [{ ...ITEMS[0], text: 'x'.repeat(300 * 1024) }] });
    const proxied = await gateway.call(wang, 'POST', '/api/v1/pledges', huge, { 'content-type': 'application/json' });
    expect(proxied.status).toBe(413);
    expect(proxied.body).toMatchObject({ status: 413, code: 'body_too_large' });
    const own = await gateway.call(undefined, 'POST', '/api/v1/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(300 * 1024) }), { 'content-type': 'application/json' });
    expect(own.status).toBe(413);
  });

  it('reports health with store and bus checks, and metrics, on every process', async () => {
    const ready = await pledge.call(undefined, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { eventStore: { status: 'up', head: expect.any(Number) }, messageBus: { status: 'up' }, readModels: { status: 'up' } } });
    expect((await gateway.call(undefined, 'GET', '/health/ready')).body).toMatchObject({ status: 'ok', details: { accounts: { status: 'up' } } });
    expect((await gateway.call(undefined, 'GET', '/health/live')).status).toBe(200);

    const serviceMetrics = (await pledge.call(undefined, 'GET', '/metrics')).body as string;
    const appended = /^pledgebook_events_appended_total\{service="pledge-service"\} (\d+)$/m.exec(serviceMetrics);
    expect(Number(appended?.[1])).toBeGreaterThan(0);
    expect(serviceMetrics).toMatch(/^pledgebook_relay_lag_events\{relay="relay:pledge-service",service="pledge-service"\} \d+$/m);
    expect(serviceMetrics).toMatch(/^pledgebook_consumer_lag_messages\{group="[^"]+",topic="pledgebook\.review\.v1",service="pledge-service"\} \d+$/m);
    expect(serviceMetrics).toMatch(/pledgebook_http_request_duration_seconds_count\{service="pledge-service",method="POST",route="\/api\/v1\/pledges\/:pledgeId\/submit",status="200"\} 1/);
    const gatewayMetrics = (await gateway.call(undefined, 'GET', '/metrics')).body as string;
    expect(gatewayMetrics).toMatch(/pledgebook_http_request_duration_seconds_count\{service="gateway",method="POST",route="proxy \/api\/v1\/pledges",status="201"\} \d+/);
    expect(gatewayMetrics).toMatch(/pledgebook_http_request_duration_seconds_count\{service="gateway",method="POST",route="\/api\/v1\/auth\/login",status="200"\} \d+/);
  });

  it('serves one OpenAPI document for the whole API, naming services that did not answer', async () => {
    const docs = await gateway.call(undefined, 'GET', '/api/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/bureaus/{bureauId}/accounts', '/api/v1/pledges', '/api/v1/pledges/{pledgeId}/submit']));
    expect(docs.body.paths['/api/v1/pledges'].post.tags).toEqual(['pledge-service']);
    expect(docs.body.info.description).toContain('review-service');
    expect((await gateway.call(undefined, 'GET', '/api/docs')).status).toBe(200);
  });

  it('rate-limits logins per client address', async () => {
    const answers = [];
    for (let i = 0; i < 30; i += 1) answers.push(await gateway.call(undefined, 'POST', '/api/v1/auth/login', { username: `nobody-${i}`, password: 'Wrong-Password-1' }));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body).toMatchObject({ status: 429 });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);
});

describe('distributed profile: an OIDC issuer signs the tokens', () => {
  // The running gateway's JWKS stands in for the issuer's; the claims are shaped as an IdP's.
  let oidcPledge: Harness;
  let oidcGateway: Harness;
  const ISSUER = 'https://idp.example.gov/realms/bureaus';
  beforeAll(async () => {
    const env = {
      AUTH_JWKS_URL: `${gateway.baseUrl}/.well-known/jwks.json`,
      AUTH_ISSUER: ISSUER,
      AUTH_CLAIM_SUBJECT: 'preferred_username',
      AUTH_CLAIM_BUREAU: 'org.bureau',
      AUTH_CLAIM_ROLES: 'realm_access.roles',
      AUTH_ROLE_MAP: 'pb-system-admin=system-admin,pb-member=member',
    };
    oidcPledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { trustTestKey: false, env });
    oidcGateway = await startServiceProcess(join(__dirname, 'main.ts'), { portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env: { ...env, PLEDGE_SERVICE_URL: oidcPledge.baseUrl } });
  }, 120_000);
  afterAll(async () => {
    await oidcGateway?.close();
    await oidcPledge?.close();
  });

  const idpToken = async (claims: Record<string, unknown>, issuer = ISSUER) => {
    const signing = await loadOrCreateSigningKey(dataDir);
    return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: signing.kid }).setIssuer(issuer).setAudience('pledgebook').setIssuedAt().setExpirationTime('5m').sign(signing.key);
  };

  it('maps the issuer’s claims to roles and bureau, through the gateway, and keeps no local accounts', async () => {
    const token = await idpToken({ preferred_username: 'root', org: { bureau: 'system' }, realm_access: { roles: ['pb-system-admin', 'offline_access'] } });
    const created = await oidcGateway.call({ token, claims: { sub: 'root', bureauId: 'system', roles: [] } }, 'POST', '/api/v1/bureaus', { bureauId: 'yantai', name: '煙台市統計局', level: 'city' });
    expect(created.status).toBe(201);
    const memberOnly = await idpToken({ preferred_username: 'liu', org: { bureau: 'yantai' }, realm_access: { roles: ['pb-member'] } });
    expect((await oidcGateway.call({ token: memberOnly, claims: { sub: 'liu', bureauId: 'yantai', roles: [] } }, 'POST', '/api/v1/bureaus', { bureauId: 'rizhao', name: '日照市統計局' })).status).toBe(403);
    const noBureau = await idpToken({ preferred_username: 'liu', realm_access: { roles: ['pb-member'] } });
    expect((await oidcGateway.call({ token: noBureau, claims: { sub: 'liu', bureauId: '', roles: [] } }, 'GET', '/api/v1/bureaus/yantai')).body).toMatchObject({ status: 401, detail: expect.stringContaining('bureau claim "org.bureau"') });
    const otherIssuer = await idpToken({ preferred_username: 'root', org: { bureau: 'system' }, realm_access: { roles: ['pb-system-admin'] } }, 'https://elsewhere.example');
    expect((await oidcGateway.call({ token: otherIssuer, claims: { sub: 'root', bureauId: 'system', roles: [] } }, 'GET', '/api/v1/bureaus/yantai')).status).toBe(401);

    const login = await oidcGateway.call(undefined, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'anything-at-all' });
    expect(login.body).toMatchObject({ status: 404, detail: expect.stringContaining('local accounts are off') });
  });

  it('refuses the issuer’s tokens without exp or living longer than the maximum', async () => {
    const signing = await loadOrCreateSigningKey(dataDir);
    const claims = { preferred_username: 'root', org: { bureau: 'system' }, realm_access: { roles: ['pb-system-admin'] } };
    const issued = new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: signing.kid }).setIssuer(ISSUER).setAudience('pledgebook');
    const root = (token: string) => ({ token, claims: { sub: 'root', bureauId: 'system', roles: [] } });
    const unending = await oidcGateway.call(root(await issued.setIssuedAt().sign(signing.key)), 'GET', '/api/v1/bureaus/yantai');
    expect(unending.body).toMatchObject({ status: 401, detail: expect.stringContaining('no expiry ("exp" claim)') });
    const now = Math.floor(Date.now() / 1000);
    const stale = await oidcGateway.call(root(await issued.setIssuedAt(now - 30 * 86400).setExpirationTime(now + 300).sign(signing.key)), 'GET', '/api/v1/bureaus/yantai');
    expect(stale.body).toMatchObject({ status: 401, detail: expect.stringContaining('longer than the 86400 s allowed') });
    expect((await oidcGateway.call(root(await idpToken(claims)), 'GET', '/api/v1/bureaus/yantai')).status).toBe(200);
  });
});
