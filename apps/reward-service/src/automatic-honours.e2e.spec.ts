// Automatic honours apply to final results recorded before the policy was set (ADR 0083): setting
// the year's policy grants them from the reward service's own recorded facts; setting it again
// (a changed version) grants nothing twice, on the store or on the bus.
import { Topics } from '@pledgebook/contracts';
import type { Caller } from '@pledgebook/nest/testing';
import { finalizeResult, topicMessages } from './testing/bus-events';
import { eventually, startRewardSystem, YEAR, type RewardSystem } from './testing/reward-system';

let system: RewardSystem;
let chen: Caller;
let wang: Caller;
const commendation = { honourId: 'commendation', title: '踐諾考核優秀表揚', award: 'automatic', eligibleGrades: ['excellent'], reward: { spiritual: ['commendation'] } };
const grantsOnBus = async () => (await topicMessages(system.dataDir, Topics.reward)).filter((e) => e.type === 'pledgebook.reward.reward-granted.v1');

beforeAll(async () => {
  system = await startRewardSystem('pledgebook-reward-auto-');
  ({ chen, wang } = system.as);
}, 180_000);

afterAll(async () => {
  await system?.close();
});

describe('automatic honours and the results recorded before the policy', () => {
  it('grants them when the policy is set, and not again when it changes', async () => {
    await finalizeResult(system.dataDir, { memberId: 'wang', year: YEAR, half: 'H1', grade: 'excellent', points: 93 });
    await finalizeResult(system.dataDir, { memberId: 'zhou', year: YEAR, half: 'H1', grade: 'qualified', points: 81 });
    await finalizeResult(system.dataDir, { memberId: 'wang', year: YEAR, half: 'H2', grade: 'excellent', points: 95 });
    // The results are recorded, and no policy grants anything yet.
    const before = await eventually(() => system.reward.call(wang, 'GET', '/api/v1/rewards/members/wang'), (r) => r.body.results?.length === 2);
    expect(before.body.grants).toEqual([]);

    expect((await system.reward.call(chen, 'PUT', `/api/v1/rewards/policies/${YEAR}`, { honours: [commendation] })).status).toBe(200);
    const granted = await eventually(() => system.reward.call(wang, 'GET', '/api/v1/rewards/members/wang'), (r) => r.body.grants?.length === 2);
    expect(granted.body.grants.map((g: { grant: { ground: string; basis: { id: string }; title: string } }) => [g.grant.ground, g.grant.basis.id, g.grant.title]).sort()).toEqual([
      ['fulfilment', `round-${YEAR}-H1/wang`, commendation.title],
      ['fulfilment', `round-${YEAR}-H2/wang`, commendation.title],
    ]);
    expect((await system.reward.call(chen, 'GET', '/api/v1/rewards/members/zhou')).body.grants).toEqual([]);
    await eventually(async () => ({ status: 200, body: await grantsOnBus(), headers: new Headers() }), (r) => r.body.length === 2);

    // A changed version applies again: the same results, the same grants — none twice.
    expect((await system.reward.call(chen, 'PUT', `/api/v1/rewards/policies/${YEAR}`, { honours: [{ ...commendation, title: '踐諾考核優秀通報表揚' }], note: '更名' })).status).toBe(200);
    await eventually(() => system.reward.call(chen, 'GET', `/api/v1/rewards/policies/${YEAR}`), (r) => r.body.versions?.length === 2 || r.body.version === 2);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await system.reward.call(wang, 'GET', '/api/v1/rewards/members/wang')).body.grants).toHaveLength(2);
    expect(await grantsOnBus()).toHaveLength(2);

    // A result arriving after the policy is granted once, as before.
    await finalizeResult(system.dataDir, { memberId: 'chen', year: YEAR, half: 'H2', grade: 'excellent', points: 96 });
    await eventually(() => system.reward.call(chen, 'GET', '/api/v1/rewards/members/chen'), (r) => r.body.grants?.length === 1);
    await eventually(async () => ({ status: 200, body: await grantsOnBus(), headers: new Headers() }), (r) => r.body.length === 3);
  }, 120_000);
});
