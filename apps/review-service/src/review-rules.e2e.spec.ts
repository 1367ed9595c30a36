// The programme's review rules across the pledge and review services, both as processes on one
// data directory: the leading party group decides and publishes the books outside any branch,
// nobody reviews their own book, meetings are real ones, the pledge's history names the role
// each decider held, a paired book is seen by both groups, and a closed year closes its reviews.
import { Topics } from '@pledgebook/contracts';
import { listParked } from '@pledgebook/message-bus';
import { SqliteMessageBus } from '@pledgebook/message-bus-sqlite';
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The programme's calendar (China Standard Time): this year, today and tomorrow.
const cst = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000);
const YEAR = cst().getUTCFullYear();
const TODAY = cst().toISOString().slice(0, 10);
const TOMORROW = cst(1).toISOString().slice(0, 10);
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-review-rules-'));
let pledge: Harness;
let review: Harness;
const people: Record<string, Caller> = {};

async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 20_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached in ${ms} ms: ${last.status} ${JSON.stringify(last.body).slice(0, 500)}`);
  return last;
}

async function must(call: Promise<Reply>): Promise<Reply> {
  const reply = await call;
  if (reply.status >= 300) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

const DIRECTORY_CSV = [
  'record,key,name,type,parent,partyStatus,branch,group,department,roles',
  'unit,leading-party-group,局黨組,leading-party-group,,,,,,',
  'unit,leadership-team,局領導班子,leadership-team,,,,,,',
  'unit,branch-1,機關第一黨支部,party-branch,,,,,,',
  'unit,group-1,綜合黨小組,party-group,branch-1,,,,,',
  'unit,group-2,人口就業黨小組,party-group,branch-1,,,,,',
  'unit,branch-2,機關第二黨支部,party-branch,,,,,,',
  'unit,group-3,工業交通黨小組,party-group,branch-2,,,,,',
  'member,zhou,周建國,,,full,,group-1,,member;leading-group',
  'member,liu,劉紅梅,,,full,,group-2,,member;leading-group',
  'member,zhao,趙金剛,,,full,,group-1,,member;group-leader',
  'member,wang,王曉東,,,full,,group-1,,member',
  'member,gao,高鵬,,,full,,group-2,,member;group-leader',
  'member,sun,孫麗,,,full,,group-2,,member;branch-secretary',
  'member,li,李紅梅,,,probationary,,group-2,,member',
  'member,peng,彭波,,,full,,group-3,,member;branch-secretary',
].join('\n');
const ROLES: Record<string, string[]> = {
  zhou: ['member', 'leading-group'],
  liu: ['member', 'leading-group'],
  zhao: ['member', 'group-leader'],
  wang: ['member'],
  gao: ['member', 'group-leader'],
  sun: ['member', 'branch-secretary'],
  li: ['member'],
  peng: ['member', 'branch-secretary'],
};
const items = [
  { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
  { kind: 'position', text: '把人口抽樣調查做到全省一流', target: '數據質量考核全省前三', benchmark: true },
  { kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年2000元', beneficiary: { type: 'school', name: '孫家疃小學' } },
];
const approveAll = (n: number) => Array.from({ length: n }, (_, i) => ({ itemNo: i + 1, verdict: 'approved' }));
const branchMeeting = { date: TODAY, attendees: ['sun', 'zhao', 'gao', 'wang'] };
const leadersMeeting = { date: TODAY, attendees: ['zhou', 'liu'] };

async function draftAndSubmit(who: Caller, pledger: Record<string, unknown>, bookItems: unknown[] = items): Promise<string> {
  const drafted = await must(pledge.call(who, 'POST', '/api/v1/pledges', { year: YEAR, pledger, items: bookItems }));
  await must(pledge.call(who, 'POST', `/api/v1/pledges/${drafted.body.pledgeId}/submit`));
  return drafted.body.pledgeId as string;
}
const reviewOf = (pledgeId: string, check: (body: Record<string, unknown>) => boolean) => eventually(() => review.call(people.zhou, 'GET', `/api/v1/reviews/${pledgeId}`), (r) => r.status === 200 && check(r.body));
const queueOf = async (who: string) => (await must(review.call(people[who], 'GET', '/api/v1/reviews/queue'))).body as Record<'group' | 'branch', Array<{ pledgeId: string; decides?: boolean }>>;
const historyOf = async (pledgeId: string) =>
  ((await must(pledge.call(people.zhou, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=200`))).body.items as Array<{ type: string; actorId: string; actorRole: string }>).map((e) => [e.type, e.actorId, e.actorRole]);

beforeAll(async () => {
  pledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir });
  review = await startServiceProcess(join(__dirname, 'main.ts'), { dataDir, trustTestKey: false });
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city' }));
  people.ye = await pledge.as({ sub: 'ye', bureauId: 'weihai', roles: ['bureau-admin'] });
  await must(pledge.call(people.ye, 'POST', '/api/v1/bureaus/weihai/directory/import', DIRECTORY_CSV, { 'content-type': 'text/csv' }));
  for (const [sub, roles] of Object.entries(ROLES)) people[sub] = await pledge.as({ sub, bureauId: 'weihai', roles });
  // The review service learns the directory from the bus.
  await eventually(() => review.call(people.sun!, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body?.members === 7);
  await eventually(() => review.call(people.peng!, 'GET', `/api/v1/reviews/branches/branch-2/progress?year=${YEAR}`), (r) => r.body?.members === 1);
}, 120_000);

afterAll(async () => {
  await review?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('review rules across services', () => {
  let teamBook: string;
  let openBook: string;

  it('has the leading party group approve and publish the leadership team’s book, on which a deed is then recorded', async () => {
    const teamItems = items.filter((i) => i.kind !== 'common');
    teamBook = await draftAndSubmit(people.zhou!, { type: 'collective', orgUnitId: 'leadership-team' }, teamItems);
    await reviewOf(teamBook, (b) => b.status === 'branch' && b.decidingBody === 'leading-group');
    expect((await queueOf('zhou')).branch.map((r) => r.pledgeId)).toContain(teamBook);
    expect((await queueOf('sun')).branch.map((r) => r.pledgeId)).not.toContain(teamBook);

    expect((await review.call(people.sun, 'POST', `/api/v1/reviews/${teamBook}/branch-decision`, { meeting: branchMeeting, verdicts: approveAll(2) })).body).toMatchObject({ status: 403, code: 'not_the_deciding_body' });
    const decided = await review.call(people.zhou, 'POST', `/api/v1/reviews/${teamBook}/branch-decision`, { meeting: leadersMeeting, verdicts: approveAll(2) });
    expect(decided.body).toMatchObject({ status: 'approved' });
    await eventually(() => pledge.call(people.zhou, 'GET', `/api/v1/pledges/${teamBook}`), (r) => r.body.status === 'approved');

    // A branch's act never takes it; only the leading party group publishes it.
    expect((await review.call(people.sun, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR })).body).toMatchObject({ status: 409, code: 'nothing_to_publish' });
    expect((await review.call(people.sun, 'POST', '/api/v1/reviews/leadership/publications', { year: YEAR })).body).toMatchObject({ status: 403, code: 'not_the_leading_group' });
    const published = await eventually(
      () => review.call(people.zhou, 'POST', '/api/v1/reviews/leadership/publications', { year: YEAR }),
      (r) => r.status !== 409, // the reviews view catching up with the approval
    );
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ bureauId: 'weihai', year: YEAR, pledgeIds: [teamBook], publishedBy: 'zhou', role: 'leading-group' });
    expect(published.body).not.toHaveProperty('branchId');
    expect((await review.call(people.zhou, 'POST', '/api/v1/reviews/leadership/publications', { year: YEAR })).body).toMatchObject({ status: 409, code: 'nothing_to_publish' });
    expect((await review.call(people.zhou, 'POST', '/api/v1/reviews/leadership/publications', { year: 'this' })).status).toBe(400);

    await eventually(() => pledge.call(people.zhou, 'GET', `/api/v1/pledges/${teamBook}`), (r) => r.body.status === 'published');
    const deed = await pledge.call(people.zhou, 'POST', `/api/v1/pledges/${teamBook}/progress`, {
      itemNo: 2,
      recordedOn: new Date().toISOString().slice(0, 10),
      narrative: '局領導班子走訪孫家疃小學，送去助學金',
      peopleAided: 1,
      amountFen: 200_000,
    });
    expect(deed.status).toBe(201);
    expect(await historyOf(teamBook)).toEqual([
      ['PledgeDrafted', 'zhou', 'leading-group'],
      ['PledgeSubmitted', 'zhou', 'leading-group'],
      ['PledgeApproved', 'zhou', 'leading-group'],
      ['PledgePublished', 'zhou', 'leading-group'],
      ['ProgressRecorded', 'zhou', 'leading-group'],
    ]);
    await reviewOf(teamBook, (b) => b.status === 'published');
  }, 90_000);

  it('sends a group leader’s own book straight to the branch, whose meeting must have taken place with the branch’s members', async () => {
    const zhaoBook = await draftAndSubmit(people.zhao!, { type: 'individual', memberIds: ['zhao'] });
    const opened = await reviewOf(zhaoBook, (b) => b.status === 'branch');
    expect(opened.body).toMatchObject({ decidingBody: 'branch', pledgerOfficers: [{ memberId: 'zhao', role: 'group-leader' }] });
    expect(opened.body.rounds[0].startedAt).toBe('branch');
    expect((await queueOf('zhao')).group.map((r) => r.pledgeId)).not.toContain(zhaoBook);
    await eventually(() => review.call(people.sun, 'GET', '/api/v1/reviews/queue'), (r) => r.body.branch.some((x: { pledgeId: string }) => x.pledgeId === zhaoBook));

    const outsiders = await review.call(people.sun, 'POST', `/api/v1/reviews/${zhaoBook}/branch-decision`, { meeting: { date: TODAY, attendees: ['sun', 'peng', 'zhao', 'nobody'] }, verdicts: approveAll(3) });
    expect(outsiders.body).toMatchObject({ status: 422, code: 'attendees_not_members', notMembers: ['peng', 'nobody'] });
    expect(outsiders.body.detail).toContain('peng, nobody');
    const future = await review.call(people.sun, 'POST', `/api/v1/reviews/${zhaoBook}/branch-decision`, { meeting: { ...branchMeeting, date: TOMORROW }, verdicts: approveAll(3) });
    expect(future.body).toMatchObject({ status: 422, code: 'meeting_in_future' });
    expect((await review.call(people.zhao, 'GET', `/api/v1/reviews/${zhaoBook}`)).body.rounds[0].branch).toBeUndefined();

    expect((await review.call(people.sun, 'POST', `/api/v1/reviews/${zhaoBook}/branch-decision`, { meeting: branchMeeting, verdicts: approveAll(3) })).body).toMatchObject({ status: 'approved' });
    await eventually(() => pledge.call(people.zhao, 'GET', `/api/v1/pledges/${zhaoBook}`), (r) => r.body.status === 'approved');
    expect((await historyOf(zhaoBook)).slice(2)).toEqual([['PledgeApproved', 'sun', 'branch-secretary']]);
  }, 60_000);

  it('has the leading party group decide the branch secretary’s own book, and records each decider’s real role in the pledge’s history', async () => {
    const sunBook = await draftAndSubmit(people.sun!, { type: 'individual', memberIds: ['sun'] });
    await reviewOf(sunBook, (b) => b.status === 'group' && b.decidingBody === 'leading-group');
    // The group discusses it first, and returns it.
    const returned = await review.call(people.gao, 'POST', `/api/v1/reviews/${sunBook}/group-evaluation`, { decision: 'return', evaluation: '請量化', notes: [{ itemNo: 2, note: '寫明名次' }] });
    expect(returned.body).toMatchObject({ status: 'returned' });
    await eventually(() => pledge.call(people.sun, 'GET', `/api/v1/pledges/${sunBook}`), (r) => r.body.status === 'returned');
    await must(pledge.call(people.sun, 'POST', `/api/v1/pledges/${sunBook}/submit`));
    await reviewOf(sunBook, (b) => b.round === 2 && b.status === 'group');
    expect((await review.call(people.gao, 'POST', `/api/v1/reviews/${sunBook}/group-evaluation`, { decision: 'forward', evaluation: '同意' })).body).toMatchObject({ status: 'branch' });

    // The secretary may not decide it; the leading party group does, with its own members present.
    expect((await review.call(people.sun, 'POST', `/api/v1/reviews/${sunBook}/branch-decision`, { meeting: branchMeeting, verdicts: approveAll(3) })).status).toBe(403);
    await eventually(() => review.call(people.zhou, 'GET', '/api/v1/reviews/queue'), (r) => r.body.branch.some((x: { pledgeId: string }) => x.pledgeId === sunBook));
    expect((await queueOf('sun')).branch.map((r) => r.pledgeId)).not.toContain(sunBook);
    expect((await review.call(people.zhou, 'POST', `/api/v1/reviews/${sunBook}/branch-decision`, { meeting: { date: TODAY, attendees: ['zhou', 'wang'] }, verdicts: approveAll(3) })).body).toMatchObject({
      status: 422,
      code: 'attendees_not_members',
      notMembers: ['wang'],
    });
    expect((await review.call(people.zhou, 'POST', `/api/v1/reviews/${sunBook}/branch-decision`, { meeting: leadersMeeting, verdicts: approveAll(3) })).body).toMatchObject({ status: 'approved' });

    await eventually(() => pledge.call(people.sun, 'GET', `/api/v1/pledges/${sunBook}`), (r) => r.body.status === 'approved');
    expect(await historyOf(sunBook)).toEqual([
      ['PledgeDrafted', 'sun', 'branch-secretary'],
      ['PledgeSubmitted', 'sun', 'branch-secretary'],
      ['PledgeReturned', 'gao', 'group-leader'],
      ['PledgeSubmitted', 'sun', 'branch-secretary'],
      ['PledgeApproved', 'zhou', 'leading-group'],
    ]);
    // Published with the branch's books, by its secretary.
    const act = await eventually(() => review.call(people.sun, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR }), (r) => r.status === 201 && r.body.pledgeIds.includes(sunBook));
    expect(act.body).toMatchObject({ branchId: 'branch-1', publishedBy: 'sun', role: 'branch-secretary' });
    await eventually(() => pledge.call(people.sun, 'GET', `/api/v1/pledges/${sunBook}`), (r) => r.body.status === 'published');
    expect((await historyOf(sunBook)).at(-1)).toEqual(['PledgePublished', 'sun', 'branch-secretary']);
  }, 90_000);

  it('shows a paired book across two groups to both group leaders; the first member’s group leader decides', async () => {
    const pair = await draftAndSubmit(people.wang!, { type: 'paired', memberIds: ['wang', 'li'] }, [items[2]]);
    const zhaoQueue = await eventually(() => review.call(people.zhao, 'GET', '/api/v1/reviews/queue'), (r) => r.body.group.some((x: { pledgeId: string }) => x.pledgeId === pair));
    expect(zhaoQueue.body.group.find((x: { pledgeId: string }) => x.pledgeId === pair)).toMatchObject({ groupId: 'group-1', groupIds: ['group-1', 'group-2'], decides: true });
    expect((await queueOf('gao')).group.find((r) => r.pledgeId === pair)).toMatchObject({ decides: false });

    expect((await review.call(people.li, 'POST', `/api/v1/reviews/${pair}/comments`, { text: '我們小組同意' })).status).toBe(201);
    expect((await review.call(people.gao, 'POST', `/api/v1/reviews/${pair}/group-evaluation`, { decision: 'forward', evaluation: '同意' })).body).toMatchObject({ status: 403, code: 'not_the_group_leader' });
    expect((await review.call(people.zhao, 'POST', `/api/v1/reviews/${pair}/group-evaluation`, { decision: 'forward', evaluation: '兩個小組同意' })).body).toMatchObject({ status: 'branch' });
    await eventually(() => review.call(people.gao, 'GET', '/api/v1/reviews/queue'), (r) => !r.body.group.some((x: { pledgeId: string }) => x.pledgeId === pair));
  }, 60_000);

  it('closes the reviews of a closed year: a decision is then a 409, and nothing is parked', async () => {
    openBook = await draftAndSubmit(people.li!, { type: 'individual', memberIds: ['li'] });
    await eventually(() => review.call(people.gao, 'GET', '/api/v1/reviews/queue'), (r) => r.body.group.some((x: { pledgeId: string }) => x.pledgeId === openBook));

    expect((await pledge.call(people.ye, 'POST', `/api/v1/bureaus/weihai/years/${YEAR}/close`)).status).toBe(200);
    await eventually(() => pledge.call(people.li, 'GET', `/api/v1/pledges/${openBook}`), (r) => r.body.status === 'closed');
    const closed = await reviewOf(openBook, (b) => b.status === 'closed');
    expect(closed.body.rounds[0].closed).toMatchObject({ year: YEAR });
    await eventually(() => review.call(people.gao, 'GET', '/api/v1/reviews/queue'), (r) => r.body.group.length === 0);

    const late = await review.call(people.gao, 'POST', `/api/v1/reviews/${openBook}/group-evaluation`, { decision: 'forward', evaluation: '同意' });
    expect(late.body).toMatchObject({ status: 409, code: 'wrong_state', currentState: 'closed' });
    // A published book stays published in the review service once its year is closed.
    await reviewOf(teamBook, (b) => b.status === 'published');

    await new Promise((r) => setTimeout(r, 1_000)); // anything refused downstream would be parked by now
    const bus = new SqliteMessageBus(join(dataDir, 'bus.db'));
    try {
      expect(await listParked(bus, Topics.review)).toEqual([]);
      expect(await listParked(bus, Topics.pledge)).toEqual([]);
    } finally {
      await bus.close();
    }
  }, 60_000);
});
