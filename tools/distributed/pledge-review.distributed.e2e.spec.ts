// The pledge and review services as processes on the distributed profile (EventStoreDB, Kafka,
// MongoDB): a book goes from draft through group and branch review to publication, across the
// bus both ways. Runs under `npm run test:distributed`; skipped (with the reason) without servers.
import { describeWithServers } from '@pledgebook/infrastructure/testing';
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const YEAR = new Date().getUTCFullYear();
const APPS = join(__dirname, '..', '..', 'apps');

async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 60_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 200) {
    await new Promise((r) => setTimeout(r, 200));
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

describeWithServers(['TEST_ESDB_URL', 'TEST_KAFKA_URL', 'TEST_MONGODB_URL'], 'pledge → review on the distributed profile', (urls) => {
  // A bureau of its own per run, so a server kept between runs never mixes them.
  const bureauId = `weihai-${newId().replace(/-/g, '').slice(-8)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-distributed-'));
  const env = { EVENTSTORE_URL: urls.TEST_ESDB_URL, BUS_URL: urls.TEST_KAFKA_URL, READMODEL_URL: urls.TEST_MONGODB_URL };
  const items = [
    { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
    { kind: 'position', text: '把人口抽樣調查做到全省一流', target: '數據質量考核全省前三', benchmark: true },
    { kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年2000元' },
  ];
  let pledge: Harness;
  let review: Harness;
  const people: Record<string, Caller> = {};

  beforeAll(async () => {
    pledge = await startServiceProcess(join(APPS, 'pledge-service', 'src', 'main.ts'), { dataDir, env });
    review = await startServiceProcess(join(APPS, 'review-service', 'src', 'main.ts'), { dataDir, env, trustTestKey: false });
    const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
    await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId, name: '威海市統計局', level: 'city' }));
    const admin = await pledge.as({ sub: 'admin', bureauId, roles: ['bureau-admin'] });
    const csv = [
      'record,key,name,type,parent,partyStatus,branch,group,department,roles',
      'unit,branch-1,機關第一黨支部,party-branch,,,,,,',
      'unit,group-1,綜合黨小組,party-group,branch-1,,,,,',
      'member,wang,王曉東,,,full,,group-1,,member',
      'member,zhao,趙金剛,,,full,,group-1,,member;group-leader',
      'member,sun,孫麗,,,full,,group-1,,member;branch-secretary',
    ].join('\n');
    await must(pledge.call(admin, 'POST', `/api/v1/bureaus/${bureauId}/directory/import`, csv, { 'content-type': 'text/csv' }));
    const roles: Record<string, string[]> = { wang: ['member'], zhao: ['member', 'group-leader'], sun: ['member', 'branch-secretary'] };
    for (const [sub, r] of Object.entries(roles)) people[sub] = await pledge.as({ sub, bureauId, roles: r });
    // The review service learns the directory from Kafka.
    await eventually(() => review.call(people.sun, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body?.members === 3);
  }, 180_000);

  afterAll(async () => {
    await review?.close();
    await pledge?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a book from draft through group and branch review to publication', async () => {
    const { wang, zhao, sun } = people as Record<'wang' | 'zhao' | 'sun', Caller>;
    const drafted = await must(pledge.call(wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items }));
    const pledgeId: string = drafted.body.pledgeId;
    await must(pledge.call(wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`));

    await eventually(() => review.call(zhao, 'GET', '/api/v1/reviews/queue'), (r) => r.body.group?.some((x: { pledgeId: string }) => x.pledgeId === pledgeId));
    expect((await review.call(zhao, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '同意提交支部' })).body).toMatchObject({ status: 'branch' });
    // A meeting held today (China Standard Time): a meeting cannot be in the future.
    const meeting = { date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), attendees: ['sun', 'zhao', 'wang'] };
    const verdicts = items.map((_, i) => ({ itemNo: i + 1, verdict: 'approved' }));
    expect((await review.call(sun, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting, verdicts })).body).toMatchObject({ status: 'approved' });
    await eventually(() => pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'approved');
    await eventually(() => review.call(sun, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body.approved === 1);

    const published = await review.call(sun, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR });
    expect(published.status).toBe(201);
    expect(published.body.pledgeIds).toEqual([pledgeId]);
    await eventually(() => pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'published');

    const history = await must(pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}/history?limit=50`));
    const lifecycle = ['PledgeDrafted', 'PledgeSubmitted', 'PledgeApproved', 'PledgePublished'];
    expect(history.body.items.map((e: { type: string }) => e.type).filter((t: string) => lifecycle.includes(t))).toEqual(lifecycle);
    expect((await pledge.call(wang, 'GET', `/api/v1/pledges/${pledgeId}/verify`)).body).toMatchObject({ ok: true });
    const ready = await pledge.call(undefined, 'GET', '/health/ready');
    expect(ready.body).toMatchObject({ status: 'ok', details: { eventStore: { engine: 'EventStoreDB' }, messageBus: { engine: 'Kafka' }, readModels: { engine: 'MongoDB' } } });
  }, 180_000);
});
