// Objections to a decided selection on notice (ADR 0084), across processes: anyone in the bureau
// objects to a selected member, the leading group upholds or dismisses with a reason, who objected
// stays with the leading group, and an upheld objection goes out on pledgebook.reward.v1.
import { Topics } from '@pledgebook/contracts';
import type { Reply } from '@pledgebook/nest/testing';
import { finalizeResult, topicMessages } from './testing/bus-events';
import { eventually, must, startRewardSystem, TODAY, YEAR, type RewardSystem } from './testing/reward-system';

let system: RewardSystem;
let selectionId: string;
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const policy = { honours: [{ honourId: 'outstanding-member', title: '優秀共產黨員', award: 'selection', eligibleGrades: ['excellent'], quota: 2, reward: { spiritual: ['honour-title'] } }] };
const expectProblem = (r: Reply, status: number, field?: string, code?: string) => {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  if (field) expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  if (code) expect(r.body.code).toBe(code);
};

beforeAll(async () => {
  system = await startRewardSystem('pledgebook-reward-objections-');
  const { reward, as } = system;
  await must(reward.call(as.chen, 'PUT', `/api/v1/rewards/policies/${YEAR}`, policy));
  await finalizeResult(system.dataDir, { memberId: 'wang', year: YEAR, half: 'H1', grade: 'excellent', points: 93 });
  await finalizeResult(system.dataDir, { memberId: 'zhou', year: YEAR, half: 'H1', grade: 'excellent', points: 91 });
  await eventually(() => reward.call(as.chen, 'GET', '/api/v1/rewards/members/zhou'), (r) => r.body.results?.length === 1);
  selectionId = (await must(reward.call(as.chen, 'POST', '/api/v1/rewards/selections', { year: YEAR, honourId: 'outstanding-member', quota: 2 }))).body.selectionId;
  for (const memberId of ['wang', 'zhou']) await must(reward.call(as.chen, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId }));
  await must(reward.call(as.chen, 'POST', `/api/v1/rewards/selections/${selectionId}/decision`, { meeting: { date: TODAY, attendees: ['chen', 'liu'] }, selected: ['wang', 'zhou'] }));
  await must(reward.call(as.chen, 'POST', `/api/v1/rewards/selections/${selectionId}/notice`, { startsOn: TODAY, endsOn: plusDays(TODAY, 3) }));
}, 180_000);

afterAll(async () => {
  await system?.close();
});

describe('objections to a selection on notice', () => {
  it('refuses bad input, strangers and other bureaus with problem documents, writing nothing', async () => {
    const { reward, as } = system;
    const path = `/api/v1/rewards/selections/${selectionId}/objections`;
    const revision = async () => (await reward.call(as.chen, 'GET', `/api/v1/rewards/selections/${selectionId}`)).body.revision;
    const before = await revision();
    expectProblem(await reward.call(as.zhou, 'POST', path, { memberId: 'wang' }), 400, '/text');
    expectProblem(await reward.call(as.zhou, 'POST', path, { memberId: 'wang', text: '' }), 400, '/text');
    expectProblem(await reward.call(as.zhou, 'POST', path, { memberId: 'wang', text: '字'.repeat(2001) }), 400, '/text');
    expectProblem(await reward.call(as.zhou, 'POST', path, { memberId: 'wang', text: '有異議', extra: 1 }), 400, '/extra');
    expectProblem(await reward.call(as.zhou, 'POST', path, { memberId: 'wang zhou', text: '有異議' }), 400, '/memberId');
    expectProblem(await reward.call(as.zhou, 'POST', path, { memberId: 'sun', text: '有異議' }), 422, '/memberId', 'not_selected');
    expectProblem(await reward.call(as.zhou, 'POST', '/api/v1/rewards/selections/bad id!/objections', { memberId: 'wang', text: '有異議' }), 400, '/selectionId');
    expectProblem(await reward.call(as.zhou, 'POST', '/api/v1/rewards/selections/nothing-here/objections', { memberId: 'wang', text: '有異議' }), 404);
    expect((await reward.call(undefined, 'POST', path, { memberId: 'wang', text: '有異議' })).status).toBe(401);
    expectProblem(await reward.call(as.outsider, 'POST', path, { memberId: 'wang', text: '有異議' }), 403);
    expect(await revision()).toBe(before);
  }, 60_000);

  it('takes an objection from a member, shows who objected only to the leading group, and upholds it with a reason', async () => {
    const { reward, as } = system;
    const raised = await reward.call(as.zhou, 'POST', `/api/v1/rewards/selections/${selectionId}/objections`, { memberId: 'wang', text: '該同志下半年兩次缺席組織生活' }, { 'idempotency-key': 'objection-1' });
    expect(raised.status).toBe(201);
    const objectionId = raised.body.objectionId as string;
    expect(raised.body.objections[objectionId]).toEqual({ objectionId, memberId: 'wang', raisedAt: expect.any(String), status: 'open' });
    const retried = await reward.call(as.zhou, 'POST', `/api/v1/rewards/selections/${selectionId}/objections`, { memberId: 'wang', text: '該同志下半年兩次缺席組織生活' }, { 'idempotency-key': 'objection-1' });
    expect([retried.status, retried.body.objectionId]).toEqual([201, objectionId]);
    expect((await reward.call(as.chen, 'GET', `/api/v1/rewards/selections/${selectionId}`)).body.objections[objectionId].restricted).toEqual({ objectorId: 'zhou', text: '該同志下半年兩次缺席組織生活' });
    const listed = await reward.call(as.wang, 'GET', `/api/v1/rewards/selections?year=${YEAR}`);
    expect(JSON.stringify(listed.body)).not.toContain('缺席');

    // Announcing waits for the notice (and its objections).
    expectProblem(await reward.call(as.chen, 'POST', `/api/v1/rewards/selections/${selectionId}/announcement`, {}), 409, undefined, 'notice_not_over');

    const decision = `/api/v1/rewards/selections/${selectionId}/objections/${objectionId}/decision`;
    const before = (await reward.call(as.chen, 'GET', `/api/v1/rewards/selections/${selectionId}`)).body.revision;
    expectProblem(await reward.call(as.liu, 'POST', decision, { outcome: 'maybe', reason: '經核實' }), 400, '/outcome');
    expectProblem(await reward.call(as.liu, 'POST', decision, { outcome: 'upheld' }), 400, '/reason');
    expectProblem(await reward.call(as.liu, 'POST', `/api/v1/rewards/selections/${selectionId}/objections/bad id!/decision`, { outcome: 'upheld', reason: '經核實' }), 400, '/objectionId');
    expectProblem(await reward.call(as.liu, 'POST', `/api/v1/rewards/selections/${selectionId}/objections/nothing-here/decision`, { outcome: 'upheld', reason: '經核實' }), 404);
    expect((await reward.call(undefined, 'POST', decision, { outcome: 'upheld', reason: '經核實' })).status).toBe(401);
    expectProblem(await reward.call(as.zhou, 'POST', decision, { outcome: 'dismissed', reason: '不屬實' }), 403, undefined, 'not_leading_group');
    expectProblem(await reward.call(as.outsider, 'POST', decision, { outcome: 'dismissed', reason: '不屬實' }), 403);
    expect((await reward.call(as.chen, 'GET', `/api/v1/rewards/selections/${selectionId}`)).body.revision).toBe(before);

    const upheld = await reward.call(as.liu, 'POST', decision, { outcome: 'upheld', reason: '經核實屬實' });
    expect(upheld.status).toBe(200);
    expect(upheld.body.decision.selected).toEqual(['zhou']);
    expect(upheld.body.objections[objectionId]).toMatchObject({ status: 'upheld', decision: { reason: '經核實屬實', by: 'liu' } });
    expectProblem(await reward.call(as.chen, 'POST', decision, { outcome: 'dismissed', reason: '再議' }), 409, undefined, 'objection_decided');

    const onBus = await eventually(
      async () => ({ status: 200, body: await topicMessages(system.dataDir, Topics.reward), headers: new Headers() }),
      (r) => r.body.some((e: { type: string }) => e.type === 'pledgebook.reward.selection-objection-upheld.v1'),
    );
    const event = onBus.body.find((e: { type: string }) => e.type === 'pledgebook.reward.selection-objection-upheld.v1');
    expect(event.data).toEqual({ bureauId: 'weihai', selectionId, year: YEAR, memberId: 'wang', selected: ['zhou'], upheldAt: expect.any(String) });
  }, 90_000);
});
