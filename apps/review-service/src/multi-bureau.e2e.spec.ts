// Two bureaus import the same directory file (same keys: branch-1, wang, sun …) and run the whole
// flow side by side; a parent authority's auditor reads both. Then each service loses its view
// database and rebuilds it: the rebuilt answers equal the originals.
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The programme year as the services see it (China Standard Time).
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
// A meeting is recorded once it has taken place: today, by the same calendar.
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const BUREAUS = ['weihai', 'yantai'] as const;
type Bureau = (typeof BUREAUS)[number];
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-bureaus-'));
let pledge: Harness;
let review: Harness;
const people = {} as Record<Bureau, Record<string, Caller>>;
let provinceAuditor: Caller;
let cityAuditor: Caller;
const pledgeIds = {} as Record<Bureau, string>;

async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 20_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached in ${ms} ms: ${last.status} ${JSON.stringify(last.body).slice(0, 500)}`);
  return last;
}

async function must(call: Promise<Reply>, status = 300): Promise<Reply> {
  const reply = await call;
  if (reply.status >= status) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

// The same file, byte for byte, for both bureaus.
const DIRECTORY_CSV = [
  'record,key,name,type,parent,partyStatus,branch,group,department,roles',
  'unit,branch-1,机关第一党支部,party-branch,,,,,,',
  'unit,group-1,综合党小组,party-group,branch-1,,,,,',
  'member,wang,王晓东,,,full,,group-1,,member',
  'member,zhou,周敏,,,full,,group-1,,member',
  'member,zhao,赵金刚,,,full,,group-1,,member;group-leader',
  'member,sun,孙丽,,,full,,group-1,,member;branch-secretary',
].join('\n');
const ROLES: Record<string, string[]> = { wang: ['member'], zhou: ['member'], zhao: ['member', 'group-leader'], sun: ['member', 'branch-secretary'] };
const items = [
  { kind: 'common', area: 'theory-study', text: '每月精读一本理论著作', target: '全年12本' },
  { kind: 'position', text: '把人口抽样调查做到全省一流', target: '数据质量考核全省前三', benchmark: true },
  { kind: 'deed', category: 'student-aid', text: '资助一名困难学生', target: '全年2000元' },
];

beforeAll(async () => {
  pledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir });
  review = await startServiceProcess(join(__dirname, 'main.ts'), { dataDir, trustTestKey: false });
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'shandong', name: '山东省统计局', level: 'province' }));
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市统计局', level: 'city', parentBureauId: 'shandong' }));
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'yantai', name: '烟台市统计局', level: 'city', parentBureauId: 'shandong' }));
  for (const bureauId of BUREAUS) {
    const admin = await pledge.as({ sub: 'admin', bureauId, roles: ['bureau-admin'] });
    await must(pledge.call(admin, 'POST', `/api/v1/bureaus/${bureauId}/directory/import`, DIRECTORY_CSV, { 'content-type': 'text/csv' }));
    people[bureauId] = { admin };
    for (const [sub, roles] of Object.entries(ROLES)) people[bureauId][sub] = await pledge.as({ sub, bureauId, roles });
  }
  provinceAuditor = await pledge.as({ sub: 'audit', bureauId: 'shandong', roles: ['auditor'] });
  cityAuditor = await pledge.as({ sub: 'audit', bureauId: 'weihai', roles: ['auditor'] });
  for (const bureauId of BUREAUS) {
    await eventually(() => review.call(people[bureauId].sun, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body?.members === 4);
  }
}, 120_000);

afterAll(async () => {
  await review?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('two bureaus with identical directory files', () => {
  it('each runs draft → group → branch → publication with its own people', async () => {
    for (const bureauId of BUREAUS) {
      const { wang } = people[bureauId];
      // The same Idempotency-Key from each bureau's wang: two requests, two books.
      const drafted = await must(pledge.call(wang!, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items }, { 'idempotency-key': 'draft-my-book' }));
      pledgeIds[bureauId] = drafted.body.pledgeId;
      await must(pledge.call(wang!, 'POST', `/api/v1/pledges/${pledgeIds[bureauId]}/submit`));
    }
    expect(pledgeIds.weihai).not.toBe(pledgeIds.yantai);
    for (const bureauId of BUREAUS) {
      const { zhao, sun } = people[bureauId];
      const pledgeId = pledgeIds[bureauId];
      // Each group leader's queue holds their own bureau's book, not the other's.
      const queue = await eventually(() => review.call(zhao!, 'GET', '/api/v1/reviews/queue'), (r) => r.body.group?.length > 0);
      expect(queue.body.group.map((x: { pledgeId: string }) => x.pledgeId)).toEqual([pledgeId]);
      expect(queue.body.group[0]).not.toHaveProperty('_id');
      expect((await review.call(zhao!, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '同意提交支部' })).body).toMatchObject({ status: 'branch' });
      const meeting = { date: TODAY, attendees: ['sun', 'zhao', 'wang'] };
      const verdicts = items.map((_, i) => ({ itemNo: i + 1, verdict: 'approved' }));
      expect((await review.call(sun!, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting, verdicts })).body).toMatchObject({ status: 'approved' });
      await eventually(() => review.call(sun!, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body.approved === 1);
      const published = await review.call(sun!, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR });
      expect(published.status).toBe(201);
      expect(published.body.pledgeIds).toEqual([pledgeId]);
    }
    for (const bureauId of BUREAUS) {
      const { wang } = people[bureauId];
      await eventually(() => pledge.call(wang!, 'GET', `/api/v1/pledges/${pledgeIds[bureauId]}`), (r) => r.body.status === 'published');
    }
  });

  it('keeps each bureau’s directory whole in the pledge service', async () => {
    for (const bureauId of BUREAUS) {
      const members = await must(pledge.call(people[bureauId].admin, 'GET', `/api/v1/bureaus/${bureauId}/members?limit=50`));
      expect(members.body.items.map((m: { memberId: string }) => m.memberId).sort()).toEqual(['sun', 'wang', 'zhao', 'zhou']);
      expect(members.body.items.every((m: { bureauId: string; _id?: string }) => m.bureauId === bureauId && m._id === undefined)).toBe(true);
      const units = await must(pledge.call(people[bureauId].admin, 'GET', `/api/v1/bureaus/${bureauId}/org-units?limit=50`));
      expect(units.body.items.map((u: { orgUnitId: string }) => u.orgUnitId).sort()).toEqual(['branch-1', 'group-1']);
    }
  });

  it('prints each member’s own booklet, and refuses the other bureau’s', async () => {
    for (const bureauId of BUREAUS) {
      const booklet = await review.call(people[bureauId].wang, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}`);
      expect(booklet.status).toBe(200);
      expect(booklet.body).toContain(bureauId === 'weihai' ? '威海市统计局' : '烟台市统计局');
      expect(booklet.body).toContain('王晓东');
      expect(booklet.body).toContain('每月精读一本理论著作');
    }
    const other = await review.call(people.weihai.wang, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}&bureauId=yantai`);
    expect(other.status).toBe(403);
    expect((await review.call(cityAuditor, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}&bureauId=yantai`)).status).toBe(403);
  });

  it('lets the province’s auditor read both bureaus, each whole', async () => {
    for (const bureauId of BUREAUS) {
      const booklet = await review.call(provinceAuditor, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}&bureauId=${bureauId}`);
      expect(booklet.status).toBe(200);
      expect(booklet.body).toContain(bureauId === 'weihai' ? '威海市统计局' : '烟台市统计局');
      const progress = await review.call(provinceAuditor, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}&bureauId=${bureauId}`);
      expect(progress.body).toMatchObject({ members: 4, drafted: 1, submitted: 1, approved: 1, published: 1 });
      const read = await pledge.call(provinceAuditor, 'GET', `/api/v1/pledges/${pledgeIds[bureauId]}`);
      expect(read.body).toMatchObject({ bureauId, status: 'published' });
      expect((await review.call(provinceAuditor, 'GET', `/api/v1/reviews/${pledgeIds[bureauId]}`)).body).toMatchObject({ bureauId, status: 'published' });
    }
    // Reading is not acting: the auditor cannot decide or publish in a child bureau.
    expect((await review.call(provinceAuditor, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR })).status).toBe(403);
  });
});

describe('read models rebuilt from scratch', () => {
  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const bureauId of BUREAUS) {
      const p = people[bureauId];
      out[`${bureauId}:progress`] = (await review.call(p.sun, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`)).body;
      out[`${bureauId}:booklet`] = (await review.call(p.wang, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}`)).body;
      out[`${bureauId}:queue`] = (await review.call(p.zhao, 'GET', '/api/v1/reviews/queue')).body;
      out[`${bureauId}:members`] = (await pledge.call(p.admin, 'GET', `/api/v1/bureaus/${bureauId}/members?limit=50`)).body;
      out[`${bureauId}:units`] = (await pledge.call(p.admin, 'GET', `/api/v1/bureaus/${bureauId}/org-units?limit=50`)).body;
      out[`${bureauId}:board`] = (await pledge.call(p.wang, 'GET', `/api/v1/org-units/branch-1/board?year=${YEAR}`)).body;
      out[`${bureauId}:pledges`] = (await pledge.call(p.admin, 'GET', `/api/v1/pledges?year=${YEAR}`)).body;
    }
    return out;
  };

  it('comes back whole after each service loses its view database', async () => {
    const before = await snapshot();
    expect(String(before['weihai:booklet'])).toContain('王晓东');
    await review.close();
    await pledge.close();
    for (const file of ['review-views.db', 'pledge-views.db']) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, file + suffix), { force: true });
    }
    await pledge.restart();
    await review.restart();
    const expected = JSON.stringify(before);
    let after = await snapshot();
    for (let waited = 0; JSON.stringify(after) !== expected && waited < 30_000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      after = await snapshot();
    }
    expect(after).toEqual(before);
  }, 90_000);
});
