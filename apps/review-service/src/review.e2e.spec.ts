// The pledge and review services as real processes on one data directory, talking over the bus.
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The programme year as the services see it (China Standard Time).
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
// A meeting is recorded once it has taken place: today, by the same calendar.
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-review-'));
let pledge: Harness;
let review: Harness;
const people: Record<string, Caller> = {};

async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 15_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached in ${ms} ms: ${last.status} ${JSON.stringify(last.body).slice(0, 500)}`);
  return last;
}

const items = [
  { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
  { kind: 'position', text: '把人口抽樣調查做到全省一流', target: '爭取前列', benchmark: true },
  { kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年2000元', beneficiary: { type: 'school', name: '孫家疃小學' } },
];
const meeting = { date: TODAY, attendees: ['sun', 'zhao', 'wang', 'zhou'] };
const approveAll = (n: number) => Array.from({ length: n }, (_, i) => ({ itemNo: i + 1, verdict: 'approved' }));

beforeAll(async () => {
  pledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir });
  review = await startServiceProcess(join(__dirname, 'main.ts'), { dataDir, trustTestKey: false });
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  const must = async (r: Promise<Reply>) => {
    const reply = await r;
    if (reply.status >= 300) throw new Error(`setup: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'shandong', name: '山東省統計局', level: 'province' }));
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city', parentBureauId: 'shandong' }));
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'qingdao', name: '青島市統計局', level: 'city' }));
  const admin = await pledge.as({ sub: 'ye', bureauId: 'weihai', roles: ['bureau-admin'] });
  const csv = [
    'record,key,name,type,parent,partyStatus,branch,group,department,roles',
    'unit,branch-1,機關第一黨支部,party-branch,,,,,,',
    'unit,group-1,綜合黨小組,party-group,branch-1,,,,,',
    'unit,group-2,人口就業黨小組,party-group,branch-1,,,,,',
    'member,wang,王曉東,,,full,,group-1,,member',
    'member,zhou,周敏,,,full,,group-1,,member',
    'member,zhao,趙金剛,,,full,,group-1,,member;group-leader',
    'member,li,李紅梅,,,probationary,,group-2,,member',
    'member,sun,孫麗,,,full,,group-2,,member;branch-secretary',
  ].join('\n');
  await must(pledge.call(admin, 'POST', '/api/v1/bureaus/weihai/directory/import', csv, { 'content-type': 'text/csv' }));
  const roles: Record<string, string[]> = { wang: ['member'], zhou: ['member'], zhao: ['member', 'group-leader'], li: ['member'], sun: ['member', 'branch-secretary'] };
  for (const [sub, r] of Object.entries(roles)) people[sub] = await pledge.as({ sub, bureauId: 'weihai', roles: r });
  people.ye = admin;
  people.outsider = await pledge.as({ sub: 'qd-admin', bureauId: 'qingdao', roles: ['bureau-admin', 'branch-secretary'] });
  people.provinceAuditor = await pledge.as({ sub: 'audit-p', bureauId: 'shandong', roles: ['auditor'] });
  people.siblingAuditor = await pledge.as({ sub: 'audit-q', bureauId: 'qingdao', roles: ['auditor'] });
  // The review service learns the directory from the bus.
  await eventually(() => review.call(people.sun!, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body?.members === 5);
}, 120_000);
afterAll(async () => {
  await review?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('review across processes', () => {
  let pledgeId: string;

  it('takes a pledge from submission through group, a branch return, revision, approval and publication', async () => {
    const { wang, zhou, zhao, sun, li } = people as Record<string, Caller>;
    const drafted = await pledge.call(wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items });
    pledgeId = drafted.body.pledgeId;
    expect((await pledge.call(wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`)).status).toBe(200);

    const opened = await eventually(() => review.call(zhao, 'GET', '/api/v1/reviews/queue'), (r) => r.body.group?.some((x: { pledgeId: string }) => x.pledgeId === pledgeId));
    expect(opened.body.group[0]).toMatchObject({ pledgeId, stage: 'group', round: 1, overdue: false });
    expect((await review.call(zhou, 'POST', `/api/v1/reviews/${pledgeId}/comments`, { text: '第二條目標可以更量化' })).status).toBe(201);
    expect((await review.call(li, 'POST', `/api/v1/reviews/${pledgeId}/comments`, { text: '不在本小組' })).body).toMatchObject({ status: 403, code: 'not_in_the_group' });
    expect((await review.call(zhou, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: 'ok' })).body).toMatchObject({ status: 403, code: 'not_the_group_leader' });
    const forwarded = await review.call(zhao, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '小組討論認為目標具體，同意提交支部' });
    expect(forwarded.body).toMatchObject({ pledgeId, status: 'branch', round: 1 });
    expect((await review.call(sun, 'GET', '/api/v1/reviews/queue')).body.branch.map((x: { pledgeId: string }) => x.pledgeId)).toContain(pledgeId);

    const incomplete = await review.call(sun, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting, verdicts: [{ itemNo: 1, verdict: 'approved' }] });
    expect(incomplete.body).toMatchObject({ status: 422, code: 'verdicts_incomplete', missingItemNos: [2, 3] });
    const returned = await review.call(sun, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, {
      meeting,
      verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '“爭取前列”不可考核，請寫明名次' }, { itemNo: 3, verdict: 'approved' }],
    });
    expect(returned.body).toMatchObject({ status: 'returned' });
    await eventually(() => pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'returned');

    const revised = [items[0], { ...items[1], target: '數據質量考核全省前三' }, items[2]];
    expect((await pledge.call(wang, 'PATCH', `/api/v1/pledges/${pledgeId}`, { items: revised })).status).toBe(200);
    expect((await pledge.call(wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`)).status).toBe(200);
    const round2 = await eventually(() => review.call(sun, 'GET', `/api/v1/reviews/${pledgeId}`), (r) => r.body.round === 2);
    expect(round2.body).toMatchObject({ status: 'branch', round: 2 });
    expect(round2.body.rounds[0]).toMatchObject({ round: 1, group: { decision: 'forward', by: 'zhao' }, branch: { decision: 'return', by: 'sun' } });
    expect(round2.body.rounds[0].comments).toEqual([expect.objectContaining({ by: 'zhou', text: '第二條目標可以更量化' })]);
    expect(round2.body.rounds[1].items[1].target).toBe('數據質量考核全省前三');

    expect((await review.call(sun, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting, verdicts: approveAll(3) })).body).toMatchObject({ status: 'approved', round: 2 });
    await eventually(() => pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'approved');
    await eventually(() => review.call(sun, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body.approved === 1);

    const published = await review.call(sun, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ branchId: 'branch-1', year: YEAR, pledgeIds: [pledgeId], publishedBy: 'sun' });
    expect((await review.call(sun, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR })).body).toMatchObject({ status: 409, code: 'nothing_to_publish' });
    expect((await review.call(zhao, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR })).status).toBe(403);

    await eventually(() => pledge.call(li, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'published');
    const board = await eventually(() => pledge.call(li, 'GET', `/api/v1/org-units/branch-1/board?year=${YEAR}`), (r) => JSON.stringify(r.body).includes(pledgeId));
    expect(board.status).toBe(200);

    const history = await pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=200`);
    const steps = history.body.items.map((e: { type: string; actorId: string }) => [e.type, e.actorId]);
    expect(steps).toEqual([
      ['PledgeDrafted', 'wang'],
      ['PledgeSubmitted', 'wang'],
      ['PledgeReturned', 'sun'],
      ['PledgeRevised', 'wang'],
      ['PledgeSubmitted', 'wang'],
      ['PledgeApproved', 'sun'],
      ['PledgePublished', 'sun'],
    ]);
    const returnedEvent = history.body.items.find((e: { type: string }) => e.type === 'PledgeReturned');
    expect(JSON.stringify(returnedEvent.data)).toContain('請寫明名次');
    expect((await pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}/verify`)).body).toMatchObject({ ok: true });

    const progress = await eventually(() => review.call(sun, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body.published === 1);
    expect(progress.body).toMatchObject({ members: 5, drafted: 1, submitted: 1, approved: 1, published: 1 });

    const booklet = await eventually(() => review.call(li, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}`), (r) => String(r.body).includes('數據質量考核全省前三'));
    expect(booklet.headers.get('content-type')).toContain('text/html');
    expect(booklet.body).toContain('个人承诺　王曉東');
    expect(booklet.body).toContain('支部审议通过：');
    expect(booklet.body).toContain('威海市統計局　王曉東');
  }, 120_000);

  it('lets the parent authority’s auditor read the reviews of its child bureau, and nobody else outside it', async () => {
    const { provinceAuditor, siblingAuditor } = people as Record<string, Caller>;
    const read = await review.call(provinceAuditor, 'GET', `/api/v1/reviews/${pledgeId}`);
    expect(read.status).toBe(200);
    expect(read.body.rounds).toHaveLength(2);
    expect((await review.call(provinceAuditor, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}&bureauId=weihai`)).status).toBe(200);
    expect((await review.call(provinceAuditor, 'GET', '/api/v1/reviews/overdue?bureauId=weihai')).status).toBe(200);
    expect((await review.call(provinceAuditor, 'POST', `/api/v1/reviews/${pledgeId}/comments`, { text: '省局意見' })).status).toBe(403);
    expect((await review.call(siblingAuditor, 'GET', `/api/v1/reviews/${pledgeId}`)).status).toBe(403);
  });

  it('answers bad input with 400, strangers with 401/403, unknown reviews with 404, wrong stages with 409', async () => {
    const { sun, zhao, ye, outsider } = people as Record<string, Caller>;
    expect((await review.call(sun, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting: { date: 'yesterday', attendees: [] }, verdicts: [] })).body).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field: '/meeting/date' })]),
    });
    expect((await review.call(zhao, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'maybe', evaluation: 'x' })).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: '/decision' })] });
    expect((await review.call(zhao, 'POST', `/api/v1/reviews/${pledgeId}/comments`, { text: 'x', extra: 1 })).status).toBe(400);
    expect((await review.call(sun, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: 'this' })).status).toBe(400);
    expect((await review.call(sun, 'GET', '/api/v1/reviews/branches/branch-1/progress?year=soon')).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: '/year' })] });
    expect((await review.call(sun, 'GET', '/api/v1/reviews/bad%20id')).status).toBe(400);
    expect((await review.call(sun, 'POST', `/api/v1/reviews/${pledgeId}/comments`, '{"text":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await review.call(undefined, 'GET', `/api/v1/reviews/${pledgeId}`)).status).toBe(401);
    expect((await review.call(outsider, 'GET', `/api/v1/reviews/${pledgeId}`)).status).toBe(403);
    expect((await review.call(outsider, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}&bureauId=weihai`)).status).toBe(403);
    // Without a bureau the booklet is the caller's own bureau's: no wang there.
    expect((await review.call(outsider, 'GET', `/api/v1/members/wang/booklet?year=${YEAR}`)).status).toBe(404);
    expect((await review.call(sun, 'GET', '/api/v1/reviews/01939999-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await review.call(sun, 'GET', `/api/v1/members/nobody/booklet?year=${YEAR}`)).status).toBe(404);
    expect((await review.call(sun, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting, verdicts: approveAll(3) })).body).toMatchObject({ status: 409, code: 'wrong_state', currentState: 'approved' });

    expect((await review.call(ye, 'PUT', '/api/v1/reviews/bureaus/weihai/deadlines', { groupDays: 0, branchDays: 5 })).status).toBe(400);
    expect((await review.call(sun, 'PUT', '/api/v1/reviews/bureaus/weihai/deadlines', { groupDays: 3, branchDays: 5 })).status).toBe(403);
    expect((await review.call(outsider, 'PUT', '/api/v1/reviews/bureaus/weihai/deadlines', { groupDays: 3, branchDays: 5 })).status).toBe(403);
    expect((await review.call(ye, 'PUT', '/api/v1/reviews/bureaus/weihai/deadlines', { groupDays: 3, branchDays: 5 })).body).toEqual({ groupDays: 3, branchDays: 5 });
    const overdue = await eventually(() => review.call(ye, 'GET', '/api/v1/reviews/overdue?bureauId=weihai'), (r) => r.body.deadlines?.groupDays === 3);
    expect(overdue.body).toEqual({ deadlines: { groupDays: 3, branchDays: 5 }, items: [] });
    expect((await review.call(people.wang!, 'GET', '/api/v1/reviews/overdue?bureauId=weihai')).status).toBe(403);
    expect((await review.call(ye, 'GET', '/api/v1/reviews/overdue')).status).toBe(400);
  });

  it('loses and doubles nothing when the review service is killed with a decision in flight', async () => {
    const { wang, zhao, sun } = people as Record<string, Caller>;
    const drafted = await pledge.call(wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'zhou'] }, items: [items[2]] });
    const id = drafted.body.pledgeId as string;
    await pledge.call(wang, 'POST', `/api/v1/pledges/${id}/submit`);
    await eventually(() => review.call(zhao, 'GET', `/api/v1/reviews/${id}`), (r) => r.body.status === 'group');
    await review.call(zhao, 'POST', `/api/v1/reviews/${id}/group-evaluation`, { decision: 'forward', evaluation: '同意' });

    const decision = { meeting, verdicts: approveAll(1) };
    const inFlight = review.call(sun, 'POST', `/api/v1/reviews/${id}/branch-decision`, decision, { 'idempotency-key': 'meeting-0305-paired' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20)));
    await review.kill();
    await inFlight;
    await review.restart();
    // The client retries with the same key: one decision, whether or not the first got through.
    const retried = await review.call(sun, 'POST', `/api/v1/reviews/${id}/branch-decision`, decision, { 'idempotency-key': 'meeting-0305-paired' });
    expect(retried.body).toMatchObject({ pledgeId: id, status: 'approved' });

    await eventually(() => pledge.call(wang, 'GET', `/api/v1/pledges/${id}`), (r) => r.body.status === 'approved');
    const reviewed = await review.call(sun, 'GET', `/api/v1/reviews/${id}`);
    expect(reviewed.body.rounds).toHaveLength(1);
    expect(reviewed.body.rounds[0].branch).toMatchObject({ decision: 'approve', by: 'sun' });
    await new Promise((r) => setTimeout(r, 1000)); // any duplicate delivery would have landed by now
    const history = await pledge.call(wang, 'GET', `/api/v1/pledges/${id}/history?limit=200`);
    expect(history.body.items.filter((e: { type: string }) => e.type === 'PledgeApproved')).toHaveLength(1);
    expect((await pledge.call(wang, 'GET', `/api/v1/pledges/${id}/verify`)).body).toMatchObject({ ok: true });
  }, 90_000);
});
