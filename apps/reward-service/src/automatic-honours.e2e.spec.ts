// Automatic honours apply to final results recorded before the policy was set (ADR 0083): setting
// the year's policy grants them from the reward service's own recorded facts; setting it again
// (a changed version) grants nothing twice, on the store or on the bus.
import { Topics } from '@pledgebook/contracts';
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalizeResult, topicMessages } from './testing/bus-events';

const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-reward-auto-'));
let pledge: Harness;
let reward: Harness;
let chen: Caller;
let wang: Caller;

async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 30_000): Promise<Reply> {
  let last = await read();
  for (let waited = 0; !check(last) && waited < ms; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached in ${ms} ms: ${last.status} ${JSON.stringify(last.body).slice(0, 600)}`);
  return last;
}
const must = async (r: Promise<Reply>) => {
  const reply = await r;
  if (reply.status >= 300) throw new Error(`setup: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};
const commendation = { honourId: 'commendation', title: '踐諾考核優秀表揚', award: 'automatic', eligibleGrades: ['excellent'], reward: { spiritual: ['commendation'] } };
const grantsOnBus = async () => (await topicMessages(dataDir, Topics.reward)).filter((e) => e.type === 'pledgebook.reward.reward-granted.v1');

beforeAll(async () => {
  pledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir });
  reward = await startServiceProcess(join(__dirname, 'main.ts'), { dataDir, trustTestKey: false });
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city' }));
  const admin = await pledge.as({ sub: 'ye', bureauId: 'weihai', roles: ['bureau-admin'] });
  const csv = [
    'record,key,name,type,parent,partyStatus,branch,group,department,roles',
    'unit,branch-1,機關第一黨支部,party-branch,,,,,,',
    'unit,group-1,綜合黨小組,party-group,branch-1,,,,,',
    'member,wang,王曉東,,,full,,group-1,,member',
    'member,zhou,周敏,,,full,,group-1,,member',
    'member,chen,陳志強,,,full,,group-1,,member;leading-group',
  ].join('\n');
  await must(pledge.call(admin, 'POST', '/api/v1/bureaus/weihai/directory/import', csv, { 'content-type': 'text/csv' }));
  chen = await pledge.as({ sub: 'chen', bureauId: 'weihai', roles: ['member', 'leading-group'] });
  wang = await pledge.as({ sub: 'wang', bureauId: 'weihai', roles: ['member'] });
  await eventually(() => reward.call(chen, 'GET', '/api/v1/rewards/members/zhou'), (r) => r.status === 200);
}, 180_000);

afterAll(async () => {
  await reward?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('automatic honours and the results recorded before the policy', () => {
  it('grants them when the policy is set, and not again when it changes', async () => {
    await finalizeResult(dataDir, { memberId: 'wang', year: YEAR, half: 'H1', grade: 'excellent', points: 93 });
    await finalizeResult(dataDir, { memberId: 'zhou', year: YEAR, half: 'H1', grade: 'qualified', points: 81 });
    await finalizeResult(dataDir, { memberId: 'wang', year: YEAR, half: 'H2', grade: 'excellent', points: 95 });
    // The results are recorded, and no policy grants anything yet.
    const before = await eventually(() => reward.call(wang, 'GET', '/api/v1/rewards/members/wang'), (r) => r.body.results?.length === 2);
    expect(before.body.grants).toEqual([]);

    expect((await reward.call(chen, 'PUT', `/api/v1/rewards/policies/${YEAR}`, { honours: [commendation] })).status).toBe(200);
    const granted = await eventually(() => reward.call(wang, 'GET', '/api/v1/rewards/members/wang'), (r) => r.body.grants?.length === 2);
    expect(granted.body.grants.map((g: { grant: { ground: string; basis: { id: string }; title: string } }) => [g.grant.ground, g.grant.basis.id, g.grant.title]).sort()).toEqual([
      ['fulfilment', `round-${YEAR}-H1/wang`, commendation.title],
      ['fulfilment', `round-${YEAR}-H2/wang`, commendation.title],
    ]);
    expect((await reward.call(chen, 'GET', '/api/v1/rewards/members/zhou')).body.grants).toEqual([]);
    await eventually(async () => ({ status: 200, body: await grantsOnBus(), headers: new Headers() }), (r) => r.body.length === 2);

    // A changed version applies again: the same results, the same grants — none twice.
    expect((await reward.call(chen, 'PUT', `/api/v1/rewards/policies/${YEAR}`, { honours: [{ ...commendation, title: '踐諾考核優秀通報表揚' }], note: '更名' })).status).toBe(200);
    await eventually(() => reward.call(chen, 'GET', `/api/v1/rewards/policies/${YEAR}`), (r) => r.body.versions?.length === 2 || r.body.version === 2);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await reward.call(wang, 'GET', '/api/v1/rewards/members/wang')).body.grants).toHaveLength(2);
    expect(await grantsOnBus()).toHaveLength(2);

    // A result arriving after the policy is granted once, as before.
    await finalizeResult(dataDir, { memberId: 'chen', year: YEAR, half: 'H2', grade: 'excellent', points: 96 });
    await eventually(() => reward.call(chen, 'GET', '/api/v1/rewards/members/chen'), (r) => r.body.grants?.length === 1);
    await eventually(async () => ({ status: 200, body: await grantsOnBus(), headers: new Headers() }), (r) => r.body.length === 3);
  }, 120_000);
});
