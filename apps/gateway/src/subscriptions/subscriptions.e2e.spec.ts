// Outside subscriptions over HTTP, with the gateway and the pledge service as processes on one
// data directory: who may subscribe to what (nothing stored on bad input), webhooks received and
// verified by the example receiver, and the event feed read by the example follower.
import { startServiceProcess, type Caller, type Harness } from '@pledgebook/nest/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { account, addMembers, ADMIN_PASSWORD, EXAMPLES, freePort, login, PASSWORD, registerBureaus, startScript, startSystem, untilBureausKnown } from './testing/processes';

const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-subscriptions-'));
let pledge: Harness;
let gateway: Harness;
let root: Caller;
let weihaiAdmin: Caller;
let cadre: Caller;
let wang: Caller;
const scripts: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  ({ pledge, gateway } = await startSystem(dataDir));
  root = await login(gateway, 'admin', ADMIN_PASSWORD);
  await registerBureaus(gateway, root);
  weihaiAdmin = await account(gateway, root, 'weihai', 'weihai.admin', 'ye-qing', ['member', 'bureau-admin']);
  cadre = await account(gateway, weihaiAdmin, 'weihai', 'cadre.records', 'cadre-records', ['subscriber']);
  wang = await account(gateway, weihaiAdmin, 'weihai', 'wang.xd', 'wang', ['member']);
  await account(gateway, root, 'rongcheng', 'rongcheng.records', 'rongcheng-records', ['subscriber']);
  await untilBureausKnown(gateway, root);
}, 180_000);
afterAll(async () => {
  await Promise.all(scripts.map((s) => s.stop()));
  await gateway?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const subscribe = (by: Caller | undefined, body: unknown) => gateway.call(by, 'POST', '/api/v1/subscriptions', body);
const stored = async () => (await gateway.call(root, 'GET', '/api/v1/subscriptions?limit=200')).body.items as Array<{ subscriptionId: string }>;
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; type: string; bureauid: string }) : []);
async function until(what: string, predicate: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  for (let waited = 0; !(await predicate()); waited += 100) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('subscriptions at the gateway', () => {
  it('refuses bad input, scopes outside the caller’s bureau and unknown topics or types, storing nothing', async () => {
    const before = await stored();
    const ok = { topic: 'pledgebook.pledge.v1', bureauScope: { bureauId: 'weihai', includeDescendants: true } };
    const expectProblem = async (by: Caller | undefined, body: unknown, status: number, code?: string, field?: string) => {
      const r = await subscribe(by, body);
      expect({ status: r.status, code: r.body?.code ?? r.body?.type }).toMatchObject({ status });
      if (code) expect(r.body.code).toBe(code);
      if (field) expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    };
    await expectProblem(cadre, { ...ok, extra: 1 }, 400, undefined, '/extra');
    await expectProblem(cadre, { ...ok, bureauScope: { bureauId: 'Weihai!' } }, 400, undefined, '/bureauScope/bureauId');
    expect((await gateway.call(cadre, 'POST', '/api/v1/subscriptions', '{"topic":', { 'content-type': 'application/json' })).status).toBe(400);
    await expectProblem(cadre, { ...ok, topic: 'pledgebook.secret.v1' }, 422, 'unknown_topic', '/topic');
    await expectProblem(cadre, { ...ok, types: ['pledgebook.review.review-opened.v1'] }, 422, 'unknown_types', '/types');
    await expectProblem(cadre, { ...ok, target: { url: 'https://hooks.elsewhere.example/in' } }, 422, 'target_not_allowed', '/target/url');
    await expectProblem(cadre, { ...ok, target: { url: 'http://10.0.0.5/in' } }, 422, 'target_not_allowed');
    await expectProblem(cadre, { ...ok, target: { url: 'file:///etc/passwd' } }, 422, 'target_invalid');
    for (const batch of [{ maxEvents: 1 }, { maxEvents: 1001 }, { maxEvents: 2.5 }, { maxEvents: '10' }, {}, { maxEvents: 10, linger: 5 }]) {
      const r = await subscribe(cadre, { ...ok, target: { url: 'http://127.0.0.1:4000/in', batch } });
      expect({ status: r.status, field: r.body.errors?.[0]?.field }).toEqual({ status: 400, field: expect.stringMatching(/^\/target\/batch/) });
    }
    await expectProblem(cadre, { ...ok, bureauScope: { bureauId: 'qingdao' } }, 403);
    await expectProblem(cadre, { ...ok, bureauScope: { bureauId: 'shandong', includeDescendants: true } }, 403);
    await expectProblem(cadre, { ...ok, owner: { bureauId: 'weihai', subscriberId: 'someone-else' } }, 403, 'not_your_subscription', '/owner');
    await expectProblem(weihaiAdmin, { ...ok, owner: { bureauId: 'weihai', subscriberId: 'cadre-records' }, bureauScope: { bureauId: 'shandong' } }, 403, 'scope_outside_bureau', '/bureauScope/bureauId');
    await expectProblem(weihaiAdmin, { ...ok, owner: { bureauId: 'qingdao', subscriberId: 'cadre-records' } }, 403, 'owner_outside_bureau', '/owner/bureauId');
    // An admin subscribes only a subscriber account that exists in the owner's bureau…
    await expectProblem(weihaiAdmin, { ...ok, owner: { bureauId: 'weihai', subscriberId: 'ghost' } }, 422, 'unknown_subscriber', '/owner/subscriberId');
    await expectProblem(weihaiAdmin, { ...ok, owner: { bureauId: 'weihai', subscriberId: 'wang' } }, 422, 'unknown_subscriber', '/owner/subscriberId');
    await expectProblem(weihaiAdmin, { ...ok, owner: { bureauId: 'weihai', subscriberId: 'ye-qing' } }, 422, 'unknown_subscriber', '/owner/subscriberId');
    await expectProblem(weihaiAdmin, { ...ok, owner: { bureauId: 'rongcheng', subscriberId: 'cadre-records' }, bureauScope: { bureauId: 'rongcheng' } }, 422, 'unknown_subscriber', '/owner/subscriberId');
    // …and never over a bureau above or beside the subscriber's own, whoever asks.
    await expectProblem(weihaiAdmin, { ...ok, owner: { bureauId: 'rongcheng', subscriberId: 'rongcheng-records' } }, 403, 'scope_outside_owner_bureau', '/bureauScope/bureauId');
    await expectProblem(root, { ...ok, owner: { bureauId: 'weihai', subscriberId: 'cadre-records' }, bureauScope: { bureauId: 'qingdao' } }, 403, 'scope_outside_owner_bureau', '/bureauScope/bureauId');
    await expectProblem(weihaiAdmin, ok, 422, 'owner_required');
    await expectProblem(root, { ...ok, owner: { bureauId: 'weihai', subscriberId: 'x' }, bureauScope: { bureauId: 'nowhere' } }, 422, 'unknown_bureau');
    await expectProblem(wang, ok, 403);
    await expectProblem(undefined, ok, 401);
    expect(await stored()).toEqual(before);
    expect((await gateway.call(cadre, 'GET', '/api/v1/subscriptions')).body.items).toEqual([]);
  });

  it('lets a bureau admin subscribe for a subscriber account over its bureau and those under it; others see nothing of it', async () => {
    const r = await subscribe(weihaiAdmin, { owner: { bureauId: 'weihai', subscriberId: 'cadre-records' }, topic: 'pledgebook.review.v1', bureauScope: { bureauId: 'rongcheng', includeDescendants: false } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ owner: { bureauId: 'weihai', subscriberId: 'cadre-records' }, status: 'active', secrets: [] });
    expect(r.body.secret).toBeUndefined();
    const id = r.body.subscriptionId;
    expect((await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}`)).status).toBe(200);
    expect((await gateway.call(wang, 'GET', `/api/v1/subscriptions/${id}`)).status).toBe(403);
    expect((await gateway.call(wang, 'GET', `/api/v1/subscriptions/${id}/events`)).status).toBe(403);
    expect((await gateway.call(cadre, 'GET', '/api/v1/subscriptions/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}/events?cursor=bm9wZQ`)).body).toMatchObject({ status: 400, errors: [{ field: '/query/cursor' }] });
    expect((await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}/events?wait=99`)).status).toBe(400);
    // A well-formed position past the end of the topic was never handed out: refused, not an empty page.
    const pastTheEnd = Buffer.from(JSON.stringify({ v: 1, t: 'pledgebook.review.v1', o: [9999, 9999, 9999, 9999] })).toString('base64url');
    expect((await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}/events?cursor=${pastTheEnd}`)).body).toMatchObject({ status: 400, errors: [{ field: '/query/cursor' }] });
    const atTheEnd = (await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}/events?limit=1000`)).body.cursor as string;
    expect((await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}/events?cursor=${atTheEnd}`)).status).toBe(200);
    // Pause and resume take no fields.
    expect((await gateway.call(cadre, 'POST', `/api/v1/subscriptions/${id}/pause`, { x: 1 })).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: '/x' })] });
    expect((await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}`)).body).toMatchObject({ status: 'active' });
    expect((await gateway.call(cadre, 'POST', `/api/v1/subscriptions/${id}/pause`)).body).toMatchObject({ status: 'paused' });
    expect((await gateway.call(cadre, 'POST', `/api/v1/subscriptions/${id}/resume`, { y: 'z' })).status).toBe(400);
    expect((await gateway.call(cadre, 'POST', `/api/v1/subscriptions/${id}/resume`, {})).body).toMatchObject({ status: 'active' });
    expect((await gateway.call(cadre, 'DELETE', `/api/v1/subscriptions/${id}`)).status).toBe(204);
    expect((await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${id}`)).status).toBe(404);
  });

  it('on the distributed profile (a Kafka bus) refuses plain-HTTP targets by default, storing nothing; a bad setting stops the gateway naming it', async () => {
    const gatewayMain = join(__dirname, '..', 'main.ts');
    const settings = { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD, SUBSCRIPTIONS_ALLOWED_HOSTS: '127.0.0.1', PLEDGEBOOK_PROCESS_ROLE: 'api' };
    await expect(startServiceProcess(gatewayMain, { dataDir, portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env: { ...settings, SUBSCRIPTIONS_ALLOWED_HOSTS: 'https://hooks.cadre.gov.cn' } })).rejects.toThrow(/SUBSCRIPTIONS_ALLOWED_HOSTS/);
    // No broker listens there: the target is refused before the bus is asked anything.
    const distributed = await startServiceProcess(gatewayMain, { dataDir, portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env: { ...settings, BUS_URL: `kafka://127.0.0.1:${await freePort()}` } });
    try {
      const before = await stored();
      const caller = await login(distributed, 'cadre.records', PASSWORD);
      const r = await distributed.call(caller, 'POST', '/api/v1/subscriptions', { topic: 'pledgebook.pledge.v1', bureauScope: { bureauId: 'weihai' }, target: { url: 'http://127.0.0.1:4000/in' } });
      expect(r.body).toMatchObject({ status: 422, code: 'target_not_https', errors: [{ field: '/target/url' }] });
      expect(await stored()).toEqual(before);
    } finally {
      await distributed.close();
    }
  }, 120_000);

  it('the example webhook receiver says what is wrong and subscribes nothing when it cannot run', async () => {
    const exited = async (script: ReturnType<typeof startScript>) => {
      if (script.child.exitCode === null) await new Promise((r) => script.child.once('exit', r));
      return { code: script.child.exitCode, output: script.output() };
    };
    const main = join(EXAMPLES, 'webhook-receiver', 'src', 'main.ts');
    const busyPort = new URL(gateway.baseUrl).port;
    const busy = await exited(startScript(main, ['--url', gateway.baseUrl, '--username', 'cadre.records', '--password', PASSWORD, '--port', busyPort, '--state', join(dataDir, 'busy-state.json')]));
    expect(busy).toEqual({ code: 1, output: `port ${busyPort} is in use: choose another with --port\n` });
    const unknown = await exited(startScript(main, ['--nope']));
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/^Unknown option '--nope'/);
    expect(unknown.output).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dataDir, 'busy-state.json'))).toBe(false);
    expect((await gateway.call(cadre, 'GET', '/api/v1/subscriptions')).body.items).toEqual([]);
  }, 60_000);

  it('delivers the scope’s events to the example webhook receiver, which verifies every signature', async () => {
    const port = await freePort();
    const out = join(dataDir, 'webhooks.jsonl');
    const receiver = startScript(join(EXAMPLES, 'webhook-receiver', 'src', 'main.ts'), ['--url', gateway.baseUrl, '--username', 'cadre.records', '--password', PASSWORD, '--port', String(port), '--state', join(dataDir, 'receiver-state.json'), '--out', out]);
    scripts.push(receiver);
    await receiver.printed('receiving webhooks at');
    await addMembers(gateway, root, 'weihai', 3, 'hook-w');
    await addMembers(gateway, root, 'rongcheng', 2, 'hook-r');
    await addMembers(gateway, root, 'qingdao', 3, 'hook-q');
    await until('five webhooks', () => lines(out).length >= 5);
    await new Promise((r) => setTimeout(r, 1_000));
    const got = lines(out);
    expect(got).toHaveLength(5);
    expect(new Set(got.map((e) => e.bureauid))).toEqual(new Set(['weihai', 'rongcheng']));
    expect(got.every((e) => e.type === 'pledgebook.pledge.member-added.v1')).toBe(true);
    const [sub] = (await gateway.call(cadre, 'GET', '/api/v1/subscriptions')).body.items;
    const attempts = (await gateway.call(cadre, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/attempts`)).body.items;
    expect(attempts.filter((a: { outcome: string; status: number }) => a.outcome === 'delivered' && a.status === 204)).toHaveLength(5);
    expect(attempts[0]).toEqual(expect.objectContaining({ eventId: expect.any(String), latencyMs: expect.any(Number), position: expect.any(String), attemptedAt: expect.any(String) }));
  }, 90_000);

  it('serves the feed to the example follower, and long polls over HTTP', async () => {
    const out = join(dataDir, 'feed.jsonl');
    const follower = startScript(join(EXAMPLES, 'feed-follower', 'src', 'main.ts'), ['--url', gateway.baseUrl, '--username', 'weihai.admin', '--password', PASSWORD, '--state', join(dataDir, 'follower'), '--out', out]);
    scripts.push(follower);
    await follower.printed('following subscription');
    // From the earliest event kept: the bureaus' own registrations and their members, weihai's tree only.
    await until('the members so far', () => lines(out).filter((e) => e.type === 'pledgebook.pledge.member-added.v1').length >= 5);
    await addMembers(gateway, root, 'rongcheng', 1, 'feed-r');
    await until('the new member', () => lines(out).filter((e) => e.type === 'pledgebook.pledge.member-added.v1').length >= 6, 20_000);
    const got = lines(out);
    expect(got.every((e) => e.bureauid === 'weihai' || e.bureauid === 'rongcheng')).toBe(true);
    expect(new Set(got.map((e) => e.id)).size).toBe(got.length);

    const sub = (await gateway.call(weihaiAdmin, 'GET', '/api/v1/subscriptions')).body.items.find((s: { owner: { subscriberId: string } }) => s.owner.subscriberId === 'example-follower');
    const first = await gateway.call(weihaiAdmin, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/events?limit=3`);
    expect(first.body.items).toHaveLength(3);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const again = await gateway.call(weihaiAdmin, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/events?limit=3`);
    expect(again.body).toEqual(first.body);
    // The next page's address is in a Link header, the same as the body's cursor; following it reads on.
    const link = first.headers.get('link')!;
    expect(link).toBe(`<?cursor=${first.body.cursor}&limit=3>; rel="next"`);
    const next = await gateway.call(weihaiAdmin, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/events${/^<([^>]+)>/.exec(link)![1]!}`);
    expect(next.body).toEqual((await gateway.call(weihaiAdmin, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/events?limit=3&cursor=${first.body.cursor}`)).body);
    expect(next.body.items.map((e: { id: string }) => e.id)).not.toContain(first.body.items[2].id);
    let end = first.body.cursor;
    for (let page = await gateway.call(weihaiAdmin, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/events?limit=100&cursor=${end}`); page.body.items.length > 0; ) {
      end = page.body.cursor;
      page = await gateway.call(weihaiAdmin, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/events?limit=100&cursor=${end}`);
    }
    const started = Date.now();
    const held = gateway.call(weihaiAdmin, 'GET', `/api/v1/subscriptions/${sub.subscriptionId}/events?limit=100&wait=20&cursor=${end}`);
    await new Promise((r) => setTimeout(r, 500));
    await addMembers(gateway, root, 'weihai', 1, 'poll-w');
    const page = await held;
    expect(page.body.items.map((e: { type: string }) => e.type)).toEqual(['pledgebook.pledge.member-added.v1']);
    expect(page.headers.get('link')).toBe(`<?cursor=${page.body.cursor}&limit=100&wait=20>; rel="next"`);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 90_000);
});
