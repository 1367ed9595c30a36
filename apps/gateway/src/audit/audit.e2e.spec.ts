// The gateway's audit API over the pledge, review and appraisal services as real processes on one
// data directory: one timeline across both services' streams, as-of states, access across the bureau
// hierarchy, evidence bundles checked offline, the audit log, and checkpoints against history
// rewritten in the store file.
import type { SignedCheckpoint } from '@pledgebook/audit-domain';
import { loadOrCreateSigningKey, signAccessToken, type SigningKey } from '@pledgebook/gateway-keys';
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rewriteStoredEvent } from './rewrite-stored-event';

const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-audit-'));
let key: SigningKey;
let pledge: Harness;
let review: Harness;
let appraisal: Harness;
let reward: Harness;
let gateway: Harness;
const as = async (sub: string, bureauId: string, roles: string[]): Promise<Caller> => ({
  token: await signAccessToken(key, { sub, bureauId, roles }, { ttl: '1h', issuer: 'pledgebook', audience: 'pledgebook' }),
  claims: { sub, bureauId, roles },
});
const call = (caller: Caller | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>) => gateway.call(caller, method, path, body, headers);

async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 20_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached in ${ms} ms: ${last.status} ${JSON.stringify(last.body).slice(0, 400)}`);
  return last;
}
async function must(r: Promise<Reply>): Promise<Reply> {
  const reply = await r;
  if (reply.status >= 300) throw new Error(`setup: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}
const VERIFY = join(__dirname, '..', '..', '..', '..', 'libs', 'audit', 'verify-cli', 'bin', 'pledgebook-verify.js');
/** Runs the offline verifier as an auditor would, on files only: its JSON report and exit code. */
async function verifyBundle(zip: Uint8Array, options: { trustedKeys?: unknown; heldCheckpoint?: unknown } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pledgebook-bundle-'));
  try {
    writeFileSync(join(dir, 'bundle.zip'), zip);
    const args = [VERIFY, join(dir, 'bundle.zip'), '--json'];
    if (options.trustedKeys) {
      writeFileSync(join(dir, 'jwks.json'), JSON.stringify(options.trustedKeys));
      args.push('--key', join(dir, 'jwks.json'));
    }
    if (options.heldCheckpoint) {
      writeFileSync(join(dir, 'held.json'), JSON.stringify(options.heldCheckpoint));
      args.push('--checkpoint', join(dir, 'held.json'));
    }
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(run.stdout) as { ok: boolean; problems: string[]; proves: string[]; keySource: string };
    expect(run.status).toBe(report.ok ? 0 : 1);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
async function download(caller: Caller, body: unknown): Promise<{ status: number; zip: Uint8Array; headers: Headers }> {
  const response = await fetch(`${gateway.baseUrl}/api/v1/audit/exports`, { method: 'POST', headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, zip: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

const people: Record<string, Caller> = {};
let pledgeId: string;
let approvedAt: string;
let forwardedBefore: string;

beforeAll(async () => {
  key = await loadOrCreateSigningKey(dataDir);
  pledge = await startServiceProcess(join(__dirname, '..', '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir, trustTestKey: false });
  review = await startServiceProcess(join(__dirname, '..', '..', '..', 'review-service', 'src', 'main.ts'), { dataDir, trustTestKey: false });
  // The appraisal service records the pledge topic in its own streams: they join the record with no code in the audit context.
  appraisal = await startServiceProcess(join(__dirname, '..', '..', '..', 'appraisal-service', 'src', 'main.ts'), { dataDir, trustTestKey: false });
  reward = await startServiceProcess(join(__dirname, '..', '..', '..', 'reward-service', 'src', 'main.ts'), { dataDir, trustTestKey: false });
  gateway = await startServiceProcess(join(__dirname, '..', 'main.ts'), {
    dataDir,
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGEBOOK_ADMIN_PASSWORD: 'System-Admin-Weihai-1', PLEDGE_SERVICE_URL: pledge.baseUrl, REVIEW_SERVICE_URL: review.baseUrl, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1' },
  });
  people.root = await as('root', 'system', ['system-admin']);
  await must(call(people.root, 'POST', '/api/v1/bureaus', { bureauId: 'shandong', name: '山東省統計局', level: 'province' }));
  await must(call(people.root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city', parentBureauId: 'shandong' }));
  await must(call(people.root, 'POST', '/api/v1/bureaus', { bureauId: 'qingdao', name: '青島市統計局', level: 'city' }));
  people.ye = await as('ye', 'weihai', ['bureau-admin']);
  const csv = [
    'record,key,name,type,parent,partyStatus,branch,group,department,roles',
    'unit,branch-1,機關第一黨支部,party-branch,,,,,,',
    'unit,group-1,綜合黨小組,party-group,branch-1,,,,,',
    'member,wang,王曉東,,,full,,group-1,,member',
    'member,zhao,趙金剛,,,full,,group-1,,member;group-leader',
    'member,sun,孫麗,,,full,,group-1,,member;branch-secretary',
  ].join('\n');
  await must(call(people.ye, 'POST', '/api/v1/bureaus/weihai/directory/import', csv, { 'content-type': 'text/csv' }));
  people.wang = await as('wang', 'weihai', ['member']);
  people.zhao = await as('zhao', 'weihai', ['member', 'group-leader']);
  people.sun = await as('sun', 'weihai', ['member', 'branch-secretary']);
  people.leading = await as('li-lg', 'weihai', ['leading-group']);
  people.cityAuditor = await as('audit-w', 'weihai', ['auditor']);
  people.provinceAuditor = await as('audit-p', 'shandong', ['auditor']);
  people.siblingAuditor = await as('audit-q', 'qingdao', ['auditor']);
  await eventually(() => call(people.sun, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body?.members === 3);

  const items = [
    { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
    { kind: 'position', text: '把人口抽樣調查做到全省一流', target: '全省前三', benchmark: true },
    { kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年2000元' },
  ];
  pledgeId = (await must(call(people.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items }))).body.pledgeId;
  await must(call(people.wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`, undefined, { 'x-correlation-id': 'e2e-audit-submit' }));
  await eventually(() => call(people.zhao, 'GET', '/api/v1/reviews/queue'), (r) => JSON.stringify(r.body).includes(pledgeId));
  forwardedBefore = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  await must(call(people.zhao, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '小組討論認為目標具體，同意提交支部' }));
  const verdicts = [1, 2, 3].map((itemNo) => ({ itemNo, verdict: 'approved' }));
  await must(call(people.sun, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting: { date: `${YEAR}-03-05`, attendees: ['sun', 'zhao', 'wang'] }, verdicts }, { 'x-correlation-id': 'e2e-audit-approve' }));
  await eventually(() => call(people.wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'approved');
  approvedAt = new Date().toISOString();
}, 180_000);
afterAll(async () => {
  await gateway?.close();
  await reward?.close();
  await appraisal?.close();
  await review?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const timelinePath = () => `/api/v1/audit/pledges/${pledgeId}/timeline`;

describe('the auditor’s timeline', () => {
  it('follows a pledge through every service’s streams in global order, each event with its actor, role, causes and place', async () => {
    const r = await eventually(
      () => call(people.provinceAuditor, 'GET', `${timelinePath()}?reason=${encodeURIComponent('專項檢查')}`),
      (x) =>
        x.status === 200 &&
        x.body.items.some((i: { type: string }) => i.type === 'PledgeApproved') &&
        ['appraisal-facts-weihai', 'reward-facts-weihai'].every((facts) => x.body.items.some((i: { stream: string; data: { sourceType?: string } }) => i.stream === facts && i.data.sourceType === 'pledgebook.pledge.pledge-submitted.v1')),
    );
    const items = r.body.items as Array<Record<string, string | number | null>>;
    const positions = items.map((i) => Number(i.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(items.map((i) => String(i.stream).replace(/-[0-9a-f-]{36}$/, '-<pledge>')))).toEqual(new Set(['pledge-<pledge>', 'review-<pledge>', 'review-facts-weihai', 'appraisal-facts-weihai', 'reward-facts-weihai', 'gateway-reminder-facts-weihai', `pledgebook-weihai.wang.${YEAR}`]));
    const find = (type: string) => items.find((i) => i.type === type)!;
    expect(find('PledgeSubmitted')).toMatchObject({ stream: `pledge-${pledgeId}`, revision: 1, actorId: 'wang', actorRole: 'member', correlationId: 'e2e-audit-submit', context: 'pledge' });
    expect(find('ReviewRoundOpened')).toMatchObject({ stream: `review-${pledgeId}`, revision: 0, correlationId: 'e2e-audit-submit', causationId: find('PledgeSubmitted').eventId });
    expect(find('BranchApproved')).toMatchObject({ actorId: 'sun', correlationId: 'e2e-audit-approve' });
    expect(find('PledgeApproved')).toMatchObject({ stream: `pledge-${pledgeId}`, correlationId: 'e2e-audit-approve', causationId: find('BranchApproved').eventId });
    expect(find('PledgeServiceFactRecorded')).toMatchObject({ stream: 'review-facts-weihai', actorRole: 'system' });
    const recordedSubmission = items.find((i) => i.stream === 'appraisal-facts-weihai' && i.causationId === find('PledgeSubmitted').eventId);
    expect(recordedSubmission).toMatchObject({ type: 'IntegrationEventRecorded', correlationId: 'e2e-audit-submit', context: 'appraisal' });
    expect(r.body.indexedThrough).toBeGreaterThanOrEqual(Number(find('PledgeApproved').position));

    const pages: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(people.provinceAuditor, 'GET', `${timelinePath()}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      pages.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(items);
    const before = await call(people.provinceAuditor, 'GET', `${timelinePath()}?asOf=${encodeURIComponent(forwardedBefore)}`);
    expect(before.body.items.map((i: { type: string }) => i.type)).not.toContain('GroupForwarded');
    expect(before.body.items.map((i: { type: string }) => i.type)).toContain('ReviewRoundOpened');
  }, 30_000);

  it('folds every aggregate as of a time — the pledge, its review, the bureau’s directory', async () => {
    const then = await call(people.cityAuditor, 'GET', `/api/v1/audit/pledges/${pledgeId}/aggregates?asOf=${encodeURIComponent(forwardedBefore)}`);
    expect(then.status).toBe(200);
    const byStream = (body: { aggregates: Array<{ stream: string }> }, stream: string) => body.aggregates.find((a) => a.stream === stream) as unknown as { aggregate: string; state: { status: string; round: number }; revision: number };
    expect(byStream(then.body, `pledge-${pledgeId}`)).toMatchObject({ aggregate: 'pledge', state: { status: 'submitted' } });
    expect(byStream(then.body, `review-${pledgeId}`)).toMatchObject({ aggregate: 'review', state: { status: 'group', round: 1 } });
    const now = await call(people.cityAuditor, 'GET', `/api/v1/audit/pledges/${pledgeId}/aggregates?asOf=${encodeURIComponent(approvedAt)}`);
    expect(byStream(now.body, `pledge-${pledgeId}`)).toMatchObject({ state: { status: 'approved' } });
    expect(byStream(now.body, `review-${pledgeId}`)).toMatchObject({ state: { status: 'approved' } });
    const verified = await call(people.cityAuditor, 'GET', `/api/v1/audit/pledges/${pledgeId}/verify`);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.streams.map((v: { stream: string }) => v.stream).sort()).toEqual(['appraisal-facts-weihai', 'gateway-reminder-facts-weihai', `pledge-${pledgeId}`, `pledgebook-weihai.wang.${YEAR}`, `review-${pledgeId}`, 'review-facts-weihai', 'reward-facts-weihai']);
  });

  it('gives a member’s year: their book in every service and the directory entries that name them', async () => {
    const r = await call(people.provinceAuditor, 'GET', `/api/v1/audit/bureaus/weihai/members/wang/years/${YEAR}/timeline?limit=500`);
    expect(r.status).toBe(200);
    const types = r.body.items.map((i: { type: string }) => i.type);
    expect(types).toEqual(expect.arrayContaining(['MemberAdded', 'PledgeDrafted', 'PledgeSubmitted', 'ReviewRoundOpened', 'BranchApproved', 'PledgeApproved']));
    expect(r.body.items.filter((i: { type: string; data: { memberId?: string } }) => i.type === 'MemberAdded').map((i: { data: { memberId?: string } }) => i.data.memberId)).toEqual(['wang']);
  });

  it('is for the bureau’s auditors, those above it and the system admin — nobody else — with problem documents for bad requests', async () => {
    expect((await call(people.root, 'GET', timelinePath())).status).toBe(200);
    for (const who of ['siblingAuditor', 'ye', 'wang', 'leading']) {
      const r = await call(people[who], 'GET', timelinePath());
      expect({ who, status: r.status, type: r.headers.get('content-type') }).toEqual({ who, status: 403, type: expect.stringContaining('application/problem+json') });
    }
    expect((await call(undefined, 'GET', timelinePath())).status).toBe(401);
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/pledges/not-a-uuid/timeline')).body).toMatchObject({ status: 400, errors: [{ field: '/pledgeId' }] });
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/pledges/018f2a6e-1c2b-7d3e-8f40-123456789abc/timeline')).status).toBe(404);
    expect((await call(people.cityAuditor, 'GET', `/api/v1/audit/bureaus/nowhere/members/wang/years/${YEAR}/timeline`)).status).toBe(404);
    expect((await call(people.cityAuditor, 'GET', `${timelinePath()}?cursor=xyz`)).body).toMatchObject({ status: 400, errors: [{ field: '/query/cursor' }] });
    expect((await call(people.cityAuditor, 'GET', `${timelinePath()}?asOf=yesterday`)).body).toMatchObject({ status: 400, errors: [{ field: '/query/asOf' }] });
    expect((await call(people.cityAuditor, 'GET', `${timelinePath()}?limit=0&colour=red`)).status).toBe(400);
    expect((await call(people.cityAuditor, 'GET', `/api/v1/audit/bureaus/weihai/members/wang/years/1800/timeline`)).body).toMatchObject({ status: 400, errors: [{ field: '/year' }] });
  });
});

describe('following a click', () => {
  it('gives every event of one correlation across the services, in order, each linked to its cause', async () => {
    // The submission's consequences: the review opened, and the other services recording it from the bus.
    const r = await eventually(
      () => call(people.provinceAuditor, 'GET', '/api/v1/audit/correlations/e2e-audit-submit?reason=trace'),
      (x) => x.status === 200 && x.body.items.some((i: { type: string }) => i.type === 'ReviewRoundOpened') && ['appraisal-facts-weihai', 'reward-facts-weihai'].every((s) => x.body.items.some((i: { stream: string }) => i.stream === s)),
    );
    const items = r.body.items as Array<{ position: number; type: string; stream: string; revision: number; eventId: string; correlationId: string; causedBy: { request?: true; eventId?: string; stream?: string; revision?: number } }>;
    expect(r.body).toMatchObject({ correlationId: 'e2e-audit-submit', bureaus: ['weihai'] });
    expect(items.map((i) => i.position)).toEqual([...items.map((i) => i.position)].sort((a, b) => a - b));
    expect(new Set(items.map((i) => i.correlationId))).toEqual(new Set(['e2e-audit-submit']));
    const submitted = items.find((i) => i.type === 'PledgeSubmitted')!;
    expect(submitted).toMatchObject({ stream: `pledge-${pledgeId}`, revision: 1, causedBy: { request: true } });
    expect(items.find((i) => i.type === 'ReviewRoundOpened')).toMatchObject({ stream: `review-${pledgeId}`, causedBy: { eventId: submitted.eventId, stream: `pledge-${pledgeId}`, revision: 1 } });
    // Consequences in other services' streams name their cause too.
    const elsewhere = items.filter((i) => !i.stream.endsWith(pledgeId));
    expect(elsewhere.length).toBeGreaterThan(0);
    // Each names an event of the same click, earlier in the list: the submission itself (the services
    // recording it from the bus) or a consequence of it (the gateway's reminders copying the review's stage).
    const earlier = new Map(items.map((i, at) => [i.eventId, { ...i, at }]));
    for (const item of elsewhere) {
      const cause = earlier.get(item.causedBy.eventId ?? '');
      expect(cause).toBeDefined();
      expect(item.causedBy).toMatchObject({ stream: cause!.stream, revision: cause!.revision });
      expect(cause!.at).toBeLessThan(items.indexOf(item));
    }
    const fromTheBus = elsewhere.filter((i) => ['review-facts-weihai', 'appraisal-facts-weihai', 'reward-facts-weihai'].includes(i.stream));
    expect(fromTheBus.length).toBeGreaterThanOrEqual(2);
    for (const item of fromTheBus) expect(item.causedBy).toMatchObject({ eventId: submitted.eventId, stream: `pledge-${pledgeId}` });
    const paged = await call(people.provinceAuditor, 'GET', '/api/v1/audit/correlations/e2e-audit-submit?limit=1');
    expect(paged.body.items).toHaveLength(1);
    expect((await call(people.provinceAuditor, 'GET', `/api/v1/audit/correlations/e2e-audit-submit?limit=1&cursor=${paged.body.nextCursor}`)).body.items[0]).toEqual(items[1]);
  });

  it('is for auditors of the bureaus the click reached and of those above them: 401, 403, 404 and 400 otherwise, refusals recorded', async () => {
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/correlations/e2e-audit-submit')).status).toBe(200);
    expect((await call(people.root, 'GET', '/api/v1/audit/correlations/e2e-audit-submit')).status).toBe(200);
    for (const who of ['siblingAuditor', 'wang', 'sun', 'leading']) {
      const r = await call(people[who], 'GET', '/api/v1/audit/correlations/e2e-audit-submit');
      expect({ who, status: r.status }).toEqual({ who, status: 403 });
    }
    expect((await call(undefined, 'GET', '/api/v1/audit/correlations/e2e-audit-submit')).status).toBe(401);
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/correlations/never-seen-this-one')).status).toBe(404);
    expect((await call(people.cityAuditor, 'GET', `/api/v1/audit/correlations/${encodeURIComponent('bad id!')}`)).body).toMatchObject({ status: 400, errors: [{ field: '/correlationId' }] });
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/correlations/e2e-audit-submit?limit=0')).body).toMatchObject({ status: 400, errors: [{ field: '/query/limit' }] });
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/correlations/e2e-audit-submit?cursor=xyz')).body).toMatchObject({ status: 400, errors: [{ field: '/query/cursor' }] });
    const log = await call(people.leading, 'GET', '/api/v1/audit/bureaus/weihai/audit-log?limit=500');
    expect(log.body.items).toContainEqual(expect.objectContaining({ type: 'AuditRecordRead', action: 'correlation', target: 'correlation e2e-audit-submit', reason: 'trace' }));
    expect(log.body.items).toContainEqual(expect.objectContaining({ type: 'AuditAccessRefused', action: 'correlation', by: expect.objectContaining({ subject: 'audit-q' }) }));
  });
});

describe('evidence and the audit of the audit', () => {
  it('exports a signed bundle that verifies offline with the published key', async () => {
    const bundle = await download(people.provinceAuditor!, { scope: { kind: 'pledge', pledgeId }, reason: '巡察 2026-17', includeAuditLog: true });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('application/zip');
    const jwks = (await call(undefined, 'GET', '/.well-known/jwks.json')).body;
    expect((await call(undefined, 'GET', '/api/v1/audit/keys')).body).toEqual(jwks);
    const report = await verifyBundle(bundle.zip, { trustedKeys: jwks });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, keySource: 'trusted' });
    expect(report.proves.join('\n')).toContain('asked by audit-p (shandong)');
    const year = await download(people.cityAuditor!, { scope: { kind: 'bureau-year', bureauId: 'weihai', year: YEAR } });
    expect((await verifyBundle(year.zip, { trustedKeys: jwks })).ok).toBe(true);
  });

  it('refuses bad, foreign and unknown exports with problem documents', async () => {
    expect((await call(people.provinceAuditor, 'POST', '/api/v1/audit/exports', { scope: { kind: 'pledge' } })).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: '/scope/pledgeId' })] });
    expect((await call(people.provinceAuditor, 'POST', '/api/v1/audit/exports', { scope: { kind: 'galaxy' } })).status).toBe(400);
    expect((await call(people.provinceAuditor, 'POST', '/api/v1/audit/exports', '{"scope":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await call(people.siblingAuditor, 'POST', '/api/v1/audit/exports', { scope: { kind: 'member-year', bureauId: 'weihai', memberId: 'wang', year: YEAR } })).status).toBe(403);
    expect((await call(people.provinceAuditor, 'POST', '/api/v1/audit/exports', { scope: { kind: 'bureau-year', bureauId: 'nowhere', year: YEAR } })).status).toBe(404);
  });

  it('records every read, refusal and export in the bureau’s own chained audit log, read by its leading group and the auditors above', async () => {
    const log = await call(people.leading, 'GET', '/api/v1/audit/bureaus/weihai/audit-log?limit=500');
    expect(log.status).toBe(200);
    const entries = log.body.items as Array<{ type: string; action: string; by: { subject: string }; reason?: string; outcome: Record<string, unknown> }>;
    expect(entries).toContainEqual(expect.objectContaining({ type: 'AuditRecordRead', action: 'timeline', by: expect.objectContaining({ subject: 'audit-p', bureauId: 'shandong' }), reason: '專項檢查' }));
    expect(entries).toContainEqual(expect.objectContaining({ type: 'AuditAccessRefused', by: expect.objectContaining({ subject: 'audit-q' }), outcome: expect.objectContaining({ status: 403 }) }));
    expect(entries).toContainEqual(expect.objectContaining({ type: 'EvidenceExported', reason: '巡察 2026-17', outcome: expect.objectContaining({ bundleSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }) }));
    expect(entries).toContainEqual(expect.objectContaining({ type: 'RecordVerified', by: expect.objectContaining({ subject: 'audit-w' }) }));
    expect((await call(people.provinceAuditor, 'GET', '/api/v1/audit/bureaus/weihai/audit-log')).status).toBe(200);
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/bureaus/weihai/audit-log')).status).toBe(403);
    expect((await call(people.ye, 'GET', '/api/v1/audit/bureaus/qingdao/audit-log')).status).toBe(403);
  });

  it('chains every 401 and 403 of the services’ own routes and of the gateway in the bureau’s audit log, and the log verifies offline', async () => {
    const qingdaoMember = await as('liu', 'qingdao', ['member', 'leading-group']);
    const refused = [
      ['pledge-service', await pledge.call(qingdaoMember, 'GET', '/api/v1/bureaus/weihai/members'), 403],
      ['review-service', await review.call(qingdaoMember, 'PUT', '/api/v1/reviews/bureaus/weihai/deadlines', {}), 403],
      ['appraisal-service', await appraisal.call(qingdaoMember, 'GET', `/api/v1/appraisals/bureaus/weihai/calendar/${YEAR}`), 403],
      ['reward-service', await reward.call(qingdaoMember, 'GET', `/api/v1/statistics/bureaus/weihai?year=${YEAR}`), 403],
      ['pledge-service', await pledge.call(undefined, 'GET', '/api/v1/bureaus/weihai/members', undefined, { 'x-correlation-id': 'e2e-denied-anonymous' }), 401],
      ['gateway', await call(undefined, 'GET', '/api/v1/bureaus/weihai/accounts', undefined, { 'x-correlation-id': 'e2e-denied-gateway' }), 401],
    ] as const;
    for (const [service, reply, status] of refused) expect({ service, status: reply.status }).toEqual({ service, status });
    const log = await eventually(
      () => call(people.leading, 'GET', '/api/v1/audit/bureaus/weihai/audit-log?limit=500'),
      (r) => ['pledge-service', 'review-service', 'appraisal-service', 'reward-service'].every((s) => r.body.items?.some((i: { type: string; outcome: { service?: string } }) => i.type === 'AccessDenied' && i.outcome.service === s)),
    );
    const denied = (log.body.items as Array<{ type: string; action: string; by: { subject: string }; request: string; outcome: { status: number; service: string; why: string }; correlationId: string }>).filter((i) => i.type === 'AccessDenied');
    expect(denied).toContainEqual(expect.objectContaining({ action: 'access', by: expect.objectContaining({ subject: 'liu', bureauId: 'qingdao' }), request: 'GET /api/v1/bureaus/weihai/members', outcome: expect.objectContaining({ status: 403, service: 'pledge-service' }) }));
    // Without a verified token: the system's log, for the system admin.
    expect((await review.call(undefined, 'GET', '/api/v1/reviews/queue', undefined, { 'x-correlation-id': 'e2e-denied-nowhere' })).status).toBe(401);
    const system = await eventually(
      () => call(people.root, 'GET', '/api/v1/audit/bureaus/system/audit-log?limit=500'),
      (r) => r.status === 200 && ['e2e-denied-nowhere', 'e2e-denied-anonymous', 'e2e-denied-gateway'].every((c) => r.body.items.some((i: { correlationId: string }) => i.correlationId === c)),
    );
    expect(system.body.items).toContainEqual(expect.objectContaining({ type: 'AccessDenied', by: expect.objectContaining({ subject: 'anonymous' }), correlationId: 'e2e-denied-anonymous', request: 'GET /api/v1/bureaus/weihai/members', outcome: expect.objectContaining({ status: 401, service: 'pledge-service' }) }));
    expect(system.body.items).toContainEqual(expect.objectContaining({ correlationId: 'e2e-denied-gateway', outcome: expect.objectContaining({ status: 401, service: 'gateway' }) }));
    expect(system.body.items).toContainEqual(expect.objectContaining({ correlationId: 'e2e-denied-nowhere', outcome: expect.objectContaining({ status: 401, service: 'review-service' }) }));
    expect((await call(people.cityAuditor, 'GET', '/api/v1/audit/bureaus/system/audit-log')).status).toBe(403);
    // The chained log travels in a bureau's bundle and verifies offline.
    const bundle = await download(people.provinceAuditor!, { scope: { kind: 'bureau-year', bureauId: 'weihai', year: YEAR }, includeAuditLog: true });
    const report = await verifyBundle(bundle.zip, { trustedKeys: (await call(undefined, 'GET', '/api/v1/audit/keys')).body });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  }, 60_000);

  it('holds a checkpoint against history rewritten in the store file: the stream still verifies, the log does not', async () => {
    const held = (await eventually(() => call(people.provinceAuditor, 'GET', '/api/v1/audit/checkpoints/latest'), (r) => r.status === 200)).body as SignedCheckpoint;
    expect((await call(people.wang, 'GET', '/api/v1/audit/checkpoints/latest')).status).toBe(403);
    expect((await call(people.provinceAuditor, 'GET', '/api/v1/audit/checkpoints/verify')).body).toMatchObject({ ok: true });
    const stream = `pledge-${pledgeId}`;
    rewriteStoredEvent(join(dataDir, 'eventstore.db'), stream, 0, (data) => ({ ...data, items: [{ ...(data.items as object[])[0], target: '全年1本' }] }));
    expect((await call(people.wang, 'GET', `/api/v1/pledges/${pledgeId}/verify`)).body).toMatchObject({ ok: true });
    expect((await call(people.provinceAuditor, 'GET', '/api/v1/audit/checkpoints/verify')).body).toMatchObject({ ok: false, firstMismatch: { stream, revision: 0, problem: 'its hash differs from the signed one' } });
    const bundle = await download(people.provinceAuditor!, { scope: { kind: 'pledge', pledgeId } });
    const report = await verifyBundle(bundle.zip, { trustedKeys: (await call(undefined, 'GET', '/api/v1/audit/keys')).body, heldCheckpoint: held });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(new RegExp(`stream ${stream}, revision 0, event [0-9a-f-]+, PledgeDrafted: its hash differs from the one signed in checkpoint \\d+`));
  });
});
