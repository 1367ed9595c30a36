// Every write route of the pledge and review services, tried by another bureau's admin holding
// every role but system admin, with a valid body and this bureau's ids: each is refused (403/404),
// or acts only in the caller's own bureau — and not one event of this bureau is written.
// The routes come from each service's OpenAPI document, so a new route without a sample here fails.
// The appraisal and reward services' write routes that name a bureau in their path are tried too:
// the access guard refuses them before their bodies are read.
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-isolation-'));
const services: Record<string, Harness> = {};
/** Services whose bureau-in-path write routes are tried with any body. */
const pathScoped: Record<string, Harness> = {};
let weihai: Record<string, Caller>;
let outsider: Caller;
const ids: Record<string, string> = { bureauId: 'weihai', memberId: 'wang', branchId: 'branch-1', year: String(YEAR), selectionId: 'x' };

const items = [
  { kind: 'common', area: 'theory-study', text: '每月精读一本理论著作', target: '全年12本' },
  { kind: 'position', text: '把人口抽样调查做到全省一流', target: '数据质量考核全省前三', benchmark: true },
  { kind: 'deed', category: 'student-aid', text: '资助一名困难学生', target: '全年2000元' },
];

/** A valid body for each write route (by service, method and OpenAPI path). */
const SAMPLES: Record<string, unknown> = {
  'pledge-service POST /api/v1/bureaus': { bureauId: 'intruder-city', name: '冒名统计局', level: 'city', parentBureauId: 'weihai' },
  'pledge-service POST /api/v1/bureaus/{bureauId}/org-units': { orgUnitId: 'branch-9', type: 'party-branch', name: '冒名支部' },
  'pledge-service POST /api/v1/bureaus/{bureauId}/members': { memberId: 'mole', name: '内线', partyStatus: 'non-party', roles: ['member'] },
  'pledge-service PATCH /api/v1/bureaus/{bureauId}/members/{memberId}': { name: '改名' },
  'pledge-service POST /api/v1/bureaus/{bureauId}/members/{memberId}/moves': { toGroupId: 'group-1', effectiveOn: `${YEAR}-06-01` },
  'pledge-service PUT /api/v1/bureaus/{bureauId}/branches/{branchId}/guidance-categories/{year}': { categories: ['student-aid'] },
  'pledge-service PUT /api/v1/bureaus/{bureauId}/appraisal-office/{year}': { staff: [{ memberId: 'wang', duty: '考核' }] },
  'pledge-service POST /api/v1/bureaus/{bureauId}/years/{year}/close': undefined,
  'pledge-service POST /api/v1/bureaus/{bureauId}/directory/import': 'record,key,name,type,parent,partyStatus,branch,group,department,roles\nmember,mole,内线,,,non-party,,,,member',
  'pledge-service PUT /api/v1/bureaus/{bureauId}/programme-rules/{year}': { positionBenchmark: false, yearlyDeed: false },
  'pledge-service POST /api/v1/bureaus/{bureauId}/years': { year: YEAR + 1 },
  'pledge-service POST /api/v1/pledges': { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items },
  'pledge-service PATCH /api/v1/pledges/{pledgeId}': { items },
  'pledge-service POST /api/v1/pledges/{pledgeId}/submit': undefined,
  'pledge-service POST /api/v1/pledges/{pledgeId}/withdraw': { reason: '冒名撤回' },
  'pledge-service POST /api/v1/pledges/{pledgeId}/progress': { itemNo: 3, recordedOn: `${YEAR}-01-02`, narrative: '冒名记录', peopleAided: 1 },
  'pledge-service POST /api/v1/pledges/{pledgeId}/evidence': '%PDF-1.4 冒名佐证',
  'review-service PUT /api/v1/reviews/bureaus/{bureauId}/deadlines': { groupDays: 1, branchDays: 1 },
  'review-service POST /api/v1/reviews/branches/{branchId}/publications': { year: YEAR },
  'review-service POST /api/v1/reviews/leadership/publications': { year: YEAR },
  'review-service POST /api/v1/reviews/{pledgeId}/comments': { text: '冒名评论' },
  'review-service POST /api/v1/reviews/{pledgeId}/group-evaluation': { decision: 'forward', evaluation: '冒名' },
  'review-service POST /api/v1/reviews/{pledgeId}/branch-decision': { meeting: { date: `${YEAR}-01-02`, attendees: ['sun'] }, verdicts: items.map((_, i) => ({ itemNo: i + 1, verdict: 'approved' })) },
  'review-service POST /api/v1/reviews/{pledgeId}/group-review-request': { reason: '冒名' },
};

/** Routes that act in the caller's own bureau (the token's): another bureau's ids cannot reach this one. */
const CALLER_SCOPED = new Set([
  'pledge-service POST /api/v1/bureaus',
  'pledge-service POST /api/v1/pledges',
  'review-service POST /api/v1/reviews/branches/{branchId}/publications',
  'review-service POST /api/v1/reviews/leadership/publications',
]);

/** The bureau's events (stream and type), in order. The refusals themselves are recorded in its chained audit log (ADR 0080): not a write of the route. */
function eventsOf(bureauId: string): string[] {
  const db = new Database(join(dataDir, 'eventstore.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT stream, type FROM events WHERE json_extract(metadata, '$.bureauId') = ? AND stream NOT LIKE 'audit-log-%' ORDER BY position").all(bureauId) as Array<{ stream: string; type: string }>;
    return rows.map((r) => `${r.stream} ${r.type}`);
  } finally {
    db.close();
  }
}

/** The bureau's events once what the setup set going (consumers recording facts, policies) has settled: none new for a second. */
async function settledEventsOf(bureauId: string): Promise<string[]> {
  let last = eventsOf(bureauId);
  for (let quiet = 0, waited = 0; quiet < 1_000 && waited < 30_000; waited += 200) {
    await new Promise((r) => setTimeout(r, 200));
    const now = eventsOf(bureauId);
    quiet = now.length === last.length ? quiet + 200 : 0;
    last = now;
  }
  return last;
}

async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 20_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached: ${last.status} ${JSON.stringify(last.body).slice(0, 300)}`);
  return last;
}

beforeAll(async () => {
  services['pledge-service'] = await startServiceProcess(join(__dirname, '..', 'apps', 'pledge-service', 'src', 'main.ts'), { dataDir });
  services['review-service'] = await startServiceProcess(join(__dirname, '..', 'apps', 'review-service', 'src', 'main.ts'), { dataDir, trustTestKey: false });
  for (const name of ['appraisal-service', 'reward-service']) pathScoped[name] = await startServiceProcess(join(__dirname, '..', 'apps', name, 'src', 'main.ts'), { dataDir, trustTestKey: false });
  const pledge = services['pledge-service'];
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  for (const [bureauId, name] of [['weihai', '威海市统计局'], ['yantai', '烟台市统计局']]) await pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId, name, level: 'city' });
  const admin = await pledge.as({ sub: 'admin', bureauId: 'weihai', roles: ['bureau-admin'] });
  const csv = [
    'record,key,name,type,parent,partyStatus,branch,group,department,roles',
    'unit,branch-1,机关第一党支部,party-branch,,,,,,',
    'unit,group-1,综合党小组,party-group,branch-1,,,,,',
    'member,wang,王晓东,,,full,,group-1,,member',
    'member,zhao,赵金刚,,,full,,group-1,,member;group-leader',
    'member,sun,孙丽,,,full,,group-1,,member;branch-secretary',
  ].join('\n');
  expect((await pledge.call(admin, 'POST', '/api/v1/bureaus/weihai/directory/import', csv, { 'content-type': 'text/csv' })).status).toBe(200);
  weihai = { admin, wang: await pledge.as({ sub: 'wang', bureauId: 'weihai', roles: ['member'] }) };
  const drafted = await pledge.call(weihai.wang!, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items });
  ids.pledgeId = drafted.body.pledgeId;
  expect((await pledge.call(weihai.wang!, 'POST', `/api/v1/pledges/${ids.pledgeId}/submit`)).status).toBe(200);
  await eventually(() => services['review-service']!.call(admin, 'GET', `/api/v1/reviews/${ids.pledgeId}`), (r) => r.status === 200);
  const everyRole = ['member', 'group-leader', 'branch-secretary', 'appraisal-office', 'leading-group', 'auditor', 'bureau-admin'];
  outsider = await pledge.as({ sub: 'sun', bureauId: 'yantai', roles: everyRole, orgUnitIds: ['branch-1', 'group-1'] });
}, 120_000);

afterAll(async () => {
  for (const h of [...Object.values(services), ...Object.values(pathScoped)]) await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('another bureau cannot write here', () => {
  it('has a sample for every write route the services publish', async () => {
    const missing: string[] = [];
    for (const [service, h] of Object.entries(services)) {
      const doc = (await h.call(undefined, 'GET', '/api/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const method of Object.keys(operations)) {
          if (['post', 'put', 'patch', 'delete'].includes(method) && !(`${service} ${method.toUpperCase()} ${path}` in SAMPLES)) missing.push(`${service} ${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('refuses each with 403 or 404 (or keeps it in the caller’s bureau), and writes nothing here', async () => {
    const before = await settledEventsOf('weihai');
    const answers: string[] = [];
    for (const [key, body] of Object.entries(SAMPLES)) {
      const [service, method, template] = key.split(' ') as [string, string, string];
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name);
      const headers: Record<string, string> = typeof body === 'string' ? { 'content-type': 'text/csv' } : {};
      const reply = await services[service]!.call(outsider, method, path, body, headers);
      const refused = reply.status === 403 || reply.status === 404;
      const ownBureauOnly = CALLER_SCOPED.has(key) && reply.status < 500;
      if (!refused && !ownBureauOnly) answers.push(`${key} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`);
    }
    expect(answers).toEqual([]);
    await new Promise((r) => setTimeout(r, 500)); // anything a consumer would write in reaction
    expect(eventsOf('weihai').slice(before.length)).toEqual([]);
  });

  it('refuses every appraisal and reward write route that names this bureau in its path', async () => {
    const before = await settledEventsOf('weihai');
    const tried: string[] = [];
    const answers: string[] = [];
    for (const [service, h] of Object.entries(pathScoped)) {
      const doc = (await h.call(undefined, 'GET', '/api/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      for (const [template, operations] of Object.entries(doc.paths)) {
        if (!template.includes('{bureauId}')) continue;
        for (const method of Object.keys(operations).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))) {
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x1');
          const reply = await h.call(outsider, method.toUpperCase(), path, {});
          tried.push(`${service} ${method.toUpperCase()} ${template}`);
          if (reply.status !== 403) answers.push(`${service} ${method.toUpperCase()} ${template} → ${reply.status}`);
        }
      }
    }
    expect(tried.length).toBeGreaterThan(20);
    expect(answers).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(eventsOf('weihai').slice(before.length)).toEqual([]);
  });
});
