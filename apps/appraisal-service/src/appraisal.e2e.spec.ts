// The appraisal service as a process, fed the pledge service's events on the bus: a half year
// from the scheme to final results, every endpoint's bad inputs refused with nothing written.
import { Topics } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import type { Caller, Harness, Reply } from '@pledgebook/nest/testing';
import { EXAMPLE_SCHEME } from '@pledgebook/appraisal-domain';
import { join } from 'node:path';
import { PledgeFacts } from './testing/pledge-facts';
import { appraisalCaller, appraisalEvents, eventually, H1_MONTHS, moveClockOn, must, NEXT_MONTH, PEOPLE, seedFacts, startAppraisal, statusOf, TODAY, YEAR } from './testing/world';

const B = 'weihai';
const base = `/api/v1/appraisals/bureaus/${B}`;
const round = `${base}/rounds/${YEAR}/H1`;
let h: Harness;
const as: Record<string, Caller> = {};

/** A refusal: the status (and code), and not one appraisal event written by it. */
async function refused(call: () => Promise<Reply>, status: number, code?: string): Promise<Reply> {
  const before = appraisalEvents(h.dataDir, B);
  const reply = await call();
  expect({ status: reply.status, code: code ? reply.body?.code : undefined }).toEqual({ status, code });
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(appraisalEvents(h.dataDir, B)).toBe(before);
  return reply;
}

const call = (who: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => h.call(as[who], method, path, body, headers);

beforeAll(async () => {
  h = await startAppraisal(join(__dirname, 'testing', 'shifted-clock.main.ts'));
  await new PledgeFacts('shandong').bureau('山东省统计局').publish(h.dataDir);
  await seedFacts(h.dataDir, B, '威海市统计局');
  await new PledgeFacts('yantai').bureau('烟台市统计局', 'shandong').member('mole', '内线', { roles: ['member', 'appraisal-office', 'group-leader', 'branch-secretary'], joinedOn: TODAY }).publish(h.dataDir);
  for (const [sub, p] of Object.entries(PEOPLE)) as[sub] = await appraisalCaller(h, sub, B, p.roles);
  as.impostor = await appraisalCaller(h, 'wu', B, ['member', 'appraisal-office']);
  as.mole = await appraisalCaller(h, 'mole', 'yantai', ['member', 'appraisal-office', 'group-leader', 'branch-secretary']);
  as.auditor = await appraisalCaller(h, 'audit', 'shandong', ['auditor']);
  await eventually(() => call('zhao', 'GET', `${base}/groups/group-1/checks/${YEAR}-01/roster`), (r) => r.body?.members?.length === 4);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('the scheme', () => {
  it('is drafted by the year’s office, approved by the leading group, published and then frozen', async () => {
    await refused(() => call('sun', 'POST', `${base}/schemes/${YEAR}/versions`, { content: EXAMPLE_SCHEME }), 403);
    await refused(() => call('impostor', 'POST', `${base}/schemes/${YEAR}/versions`, { content: EXAMPLE_SCHEME }), 403, 'not_office_staff');
    await refused(() => call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, { content: { ...EXAMPLE_SCHEME, totalPoints: 90 } }), 422, 'invalid_scheme');
    await refused(() => call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, { content: EXAMPLE_SCHEME, colour: 'red' }), 400);
    await refused(() => call('mole', 'POST', `${base}/schemes/${YEAR}/versions`, { content: EXAMPLE_SCHEME }), 403);
    const drafted = await call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, { content: EXAMPLE_SCHEME });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ status: 'draft', version: 1, revision: 0 });
    expect(drafted.headers.get('etag')).toBe('"0"');
    const v1 = `${base}/schemes/${YEAR}/versions/1`;
    await refused(() => call('qian', 'PUT', v1, { content: { ...EXAMPLE_SCHEME, title: '修订' } }, { 'if-match': '"5"' }), 412);
    await refused(() => call('qian', 'POST', `${base}/schemes/${YEAR}/versions/7/submit`), 404);
    await refused(() => call('qian', 'POST', `${v1}/approve`), 403);
    await refused(() => call('zhou', 'POST', `${v1}/approve`), 409, 'wrong_state');
    await must(call('qian', 'POST', `${v1}/submit`));
    await refused(() => call('zhou', 'POST', `${v1}/return`, { reason: ' ' }), 422, 'reason_required');
    expect((await must(call('zhou', 'POST', `${v1}/approve`))).body.status).toBe('approved');
    await refused(() => call('qian', 'PUT', v1, { content: EXAMPLE_SCHEME }), 409, 'wrong_state');
    expect((await must(call('qian', 'POST', `${v1}/publish`))).body.status).toBe('published');
    await refused(() => call('qian', 'PUT', v1, { content: EXAMPLE_SCHEME }), 409, 'scheme_frozen');
    // A second version (a what-if candidate): a retried draft with its key drafts it once.
    const v2 = { basedOnVersion: 1, content: { ...EXAMPLE_SCHEME, title: '考核办法（第二版）', criteria: EXAMPLE_SCHEME.criteria.map((c) => (c.id === 'items' ? { ...c, maxPoints: 25 } : c.id === 'group' ? { ...c, maxPoints: 20 } : c)) } };
    const first = await must(call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, v2, { 'idempotency-key': 'scheme-v2' }));
    const again = await must(call('qian', 'POST', `${base}/schemes/${YEAR}/versions`, v2, { 'idempotency-key': 'scheme-v2' }));
    expect([first.body.version, again.body.version, again.headers.get('idempotent-replayed')]).toEqual([2, 2, 'true']);
    await eventually(() => call('qian', 'GET', `${base}/schemes/${YEAR}/versions`), (r) => r.body.items?.length === 2);
    expect((await call('sun', 'GET', `${base}/schemes/${YEAR}/versions`)).body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await call('sun', 'GET', `${base}/schemes/${YEAR}/versions/2`)).status).toBe(404);
    expect((await call('auditor', 'GET', `${base}/schemes/${YEAR}/versions/1`)).body.content.title).toBe(EXAMPLE_SCHEME.title);
  });
});

describe('the calendar', () => {
  it('is kept by the office or the bureau admin, with make-up days on weekends only', async () => {
    await refused(() => call('sun', 'PUT', `${base}/calendar/${YEAR}`, { holidays: [], makeUpWorkdays: [] }), 403);
    await refused(() => call('qian', 'PUT', `${base}/calendar/${YEAR}`, { holidays: ['2026-02-30'], makeUpWorkdays: [] }), 400);
    const weekday = [5, 6, 7, 8, 9].map((d) => `${YEAR}-10-0${d}`).find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))!;
    await refused(() => call('qian', 'PUT', `${base}/calendar/${YEAR}`, { holidays: [], makeUpWorkdays: [weekday] }), 422, 'make_up_on_weekday');
    const set = await must(call('qian', 'PUT', `${base}/calendar/${YEAR}`, { holidays: [`${YEAR}-10-01`, `${YEAR}-10-02`], makeUpWorkdays: [] }));
    expect(set.body).toMatchObject({ set: true, holidays: [`${YEAR}-10-01`, `${YEAR}-10-02`] });
    expect((await call('sun', 'GET', `${base}/calendar/${YEAR}`)).body.holidays).toHaveLength(2);
  });
});

async function recordCheck(leader: string, groupId: string, month: string): Promise<Reply> {
  const roster = await must(call(leader, 'GET', `${base}/groups/${groupId}/checks/${month}/roster`));
  const entries = roster.body.members.map((m: { memberId: string; items: Array<{ pledgeId: string; itemNo: number; dueQuarter?: number }> }) => ({
    memberId: m.memberId,
    note: statusOf(m.memberId, 2, month) === 'behind' ? '岗位目标进度滞后' : '按计划推进',
    items: m.items.map((i) => ({ pledgeId: i.pledgeId, itemNo: i.itemNo, status: statusOf(m.memberId, i.pledgeId.endsWith('pair') ? 1 : i.itemNo, month, i.dueQuarter) })),
  }));
  return call(leader, 'POST', `${base}/groups/${groupId}/checks/${month}`, { entries });
}

describe('monthly checks', () => {
  it('are recorded by each group’s leader for the roster exactly, once a month, never ahead', async () => {
    const roster = (await must(call('zhao', 'GET', `${base}/groups/group-1/checks/${YEAR}-01/roster`))).body;
    expect(roster.members.map((m: { memberId: string }) => m.memberId)).toEqual(['sun', 'wang', 'zhao', 'zheng']);
    await refused(() => call('sun', 'GET', `${base}/groups/group-1/checks/${YEAR}-01/roster`), 403);
    const entries = roster.members.map((m: { memberId: string; items: Array<{ pledgeId: string; itemNo: number }> }) => ({ memberId: m.memberId, note: '按计划推进', items: m.items.map((i) => ({ pledgeId: i.pledgeId, itemNo: i.itemNo, status: 'on-track' })) }));
    const path = `${base}/groups/group-1/checks/${YEAR}-01`;
    await refused(() => call('gao', 'POST', path, { entries }), 403, 'not_the_group_leader');
    await refused(() => call('zhao', 'POST', path, { entries: entries.slice(1) }), 422, 'members_missing');
    await refused(() => call('zhao', 'POST', path, { entries: [{ ...entries[0], items: entries[0].items.slice(1) }, ...entries.slice(1)] }), 422, 'items_missing');
    await refused(() => call('zhao', 'POST', path, { entries: entries.map((e: object) => ({ ...e, note: '' })) }), 422, 'note_required');
    await refused(() => call('zhao', 'POST', `${base}/groups/group-1/checks/${NEXT_MONTH}`, { entries }), 422, 'future_month');
    await refused(() => call('zhao', 'POST', `${base}/groups/group-9/checks/${YEAR}-01`, { entries }), 404, 'party_group_not_found');
    await refused(() => call('zhao', 'POST', `${base}/groups/group-1/checks/${YEAR}-13`, { entries }), 400);
    await refused(() => call('zhao', 'POST', path, { entries: [{ ...entries[0], items: [{ ...entries[0].items[0], status: 'fine' }] }] }), 400);
    for (const month of H1_MONTHS) {
      expect((await recordCheck('zhao', 'group-1', month)).status).toBe(201);
      expect((await recordCheck('gao', 'group-2', month)).status).toBe(201);
    }
    await refused(() => recordCheck('zhao', 'group-1', `${YEAR}-01`), 409, 'check_already_recorded');
  });

  it('are corrected with a reason, as new events', async () => {
    const path = `${base}/groups/group-1/checks/${YEAR}-06/corrections`;
    const change = { memberId: 'sun', pledgeId: `${B}-p-sun`, itemNo: 1, status: 'done' };
    await refused(() => call('zhao', 'POST', path, { changes: [change], reason: ' ' }), 422, 'reason_required');
    await refused(() => call('zhao', 'POST', path, { changes: [{ ...change, itemNo: 9 }], reason: '核实' }), 422, 'unknown_items');
    await refused(() => call('zhao', 'POST', path, { changes: [change], reason: '核实' }, { 'if-match': '"3"' }), 412);
    await refused(() => call('zhao', 'POST', `${base}/groups/group-1/checks/${YEAR}-08/corrections`, { changes: [change], reason: '核实' }), 404, 'monthly_check_not_found');
    const corrected = await must(call('zhao', 'POST', path, { changes: [change], reason: '核实后已完成' }, { 'if-match': '"0"' }));
    expect(corrected.body).toMatchObject({ corrections: 1, revision: 1 });
  });

  it('show on the branch grid, and overdue months per group', async () => {
    const grid = await eventually(
      () => call('wang', 'GET', `${base}/branches/branch-1/checks?month=${YEAR}-06`),
      (r) => r.body.groups?.every((g: { status: string }) => g.status === 'recorded') && r.body.groups[0].corrections === 1,
    );
    expect(grid.body.groups.map((g: { groupId: string; corrections: number }) => [g.groupId, g.corrections])).toEqual([['group-1', 1], ['group-2', 0]]);
    await refused(() => call('zhao', 'GET', `${base}/branches/branch-1/checks?month=${YEAR}-06`), 403);
    await refused(() => call('wang', 'GET', `${base}/branches/branch-1/checks?month=June`), 400);
    await refused(() => call('wang', 'GET', `${base}/branches/branch-9/checks?month=${YEAR}-06`), 404);
    const overdue = await must(call('wang', 'GET', `${base}/checks/overdue?year=${YEAR}`));
    for (const group of overdue.body.items) expect(group.months.some((m: string) => m <= `${YEAR}-06`)).toBe(false);
    expect((await call('auditor', 'GET', `${base}/checks/overdue?year=${YEAR}`)).status).toBe(200);
    await refused(() => call('sun', 'GET', `${base}/checks/overdue?year=${YEAR}`), 403);
  });
});

describe('quarterly dispatch and reminder talks', () => {
  const q1 = `${base}/branches/branch-1/dispatches/${YEAR}/1`;
  const meeting = { date: `${YEAR}-04-08`, attendees: ['wang', 'zhao', 'sun'] };

  it('finds the members behind and schedules a talk for each not left out', async () => {
    const preview = await must(call('wang', 'GET', `${q1}/preview`));
    expect(preview.body.membersBehind.map((m: { memberId: string }) => m.memberId)).toEqual(['zheng']);
    await refused(() => call('zhao', 'POST', q1, { meeting }), 403);
    await refused(() => call('wang', 'POST', q1, { meeting, leftOut: [{ memberId: 'sun', reason: '病假' }] }), 422, 'not_behind');
    await refused(() => call('wang', 'POST', q1, { meeting: { ...meeting, attendees: ['wang', 'mole'] } }), 422, 'not_branch_members');
    await refused(() => call('wang', 'POST', q1, { meeting: { ...meeting, date: `${NEXT_MONTH}-01` } }), 422, 'meeting_in_future');
    await refused(() => call('wang', 'POST', q1, { meeting, talkDueDays: 0 }), 400);
    const held = await must(call('wang', 'POST', q1, { meeting, talkDueDays: 14 }));
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ summary: { members: 7, membersBehind: 1 }, talksDue: [{ memberId: 'zheng', dueOn: `${YEAR}-04-22` }] });
    await refused(() => call('wang', 'POST', q1, { meeting }), 409, 'dispatch_already_held');
    // The second quarter: wu behind, left out for a reason (no talk).
    await must(call('wang', 'POST', `${base}/branches/branch-1/dispatches/${YEAR}/2`, { meeting: { date: `${YEAR}-06-29`, attendees: ['wang', 'gao'] }, leftOut: [{ memberId: 'wu', reason: '借调省局，已另行约谈' }] }));
  });

  it('records a talk by the secretary; its notes only for those it concerns', async () => {
    const due = await eventually(() => call('wang', 'GET', `${base}/talks?branchId=branch-1`), (r) => r.body.items?.length === 1);
    const talk = due.body.items[0];
    expect(talk).toMatchObject({ memberId: 'zheng', status: 'scheduled', overdue: TODAY > `${YEAR}-04-22` });
    const path = `${base}/talks/${talk.talkId}/record`;
    const body = { heldOn: `${YEAR}-04-15`, talkedBy: ['wang'], notes: { analysis: '家庭困难影响履诺进度', agreedActions: ['调整工作安排', '每周汇报进度'] }, followUpOn: `${YEAR}-05-31` };
    await refused(() => call('zheng', 'POST', path, body), 403);
    await refused(() => call('gao', 'POST', path, body), 403, 'not_a_talker');
    await refused(() => call('wang', 'POST', path, { ...body, heldOn: `${YEAR}-04-01` }), 422, 'before_dispatch');
    await refused(() => call('wang', 'POST', path, { ...body, followUpOn: `${YEAR}-04-10` }), 422, 'bad_follow_up');
    await refused(() => call('wang', 'POST', path, { ...body, notes: { ...body.notes, analysis: ' ' } }), 422, 'analysis_required');
    await refused(() => call('wang', 'POST', `${base}/talks/not-a-talk/record`, body), 404, 'reminder_talk_not_found');
    expect((await must(call('wang', 'POST', path, body))).body).toMatchObject({ status: 'held', held: { late: false, notes: { analysis: '家庭困难影响履诺进度' } } });
    await refused(() => call('wang', 'POST', path, body), 409, 'talk_already_recorded');
    expect((await call('zheng', 'GET', `${base}/talks/${talk.talkId}`)).body.held.notes.agreedActions).toHaveLength(2);
    const office = await call('qian', 'GET', `${base}/talks/${talk.talkId}`);
    expect([office.body.notesShown, JSON.stringify(office.body).includes('家庭困难')]).toEqual([false, false]);
    expect((await call('wu', 'GET', `${base}/talks/${talk.talkId}`)).status).toBe(403);
    await refused(() => call('wang', 'POST', `${base}/talks/${talk.talkId}/cancel`, { reason: '调离' }), 409, 'talk_already_recorded');
  });
});

describe('the half-year round', () => {
  const subjects = Object.entries(PEOPLE).filter(([, p]) => p.book).map(([id]) => id);

  it('opens on the published scheme and scores the computed criteria from the events', async () => {
    await refused(() => call('sun', 'POST', `${base}/rounds`, { year: YEAR, half: 'H1', schemeVersion: 1 }), 403);
    await refused(() => call('qian', 'POST', `${base}/rounds`, { year: YEAR, half: 'H1', schemeVersion: 2 }), 409, 'scheme_not_published');
    await refused(() => call('qian', 'POST', `${base}/rounds`, { year: YEAR, half: 'H1', schemeVersion: 9 }), 404, 'scheme_not_found');
    await refused(() => call('qian', 'POST', `${base}/rounds`, { year: YEAR, half: 'H3', schemeVersion: 1 }), 400);
    const opened = await must(call('qian', 'POST', `${base}/rounds`, { year: YEAR, half: 'H1', schemeVersion: 1 }));
    expect(opened.body.subjects.map((s: { memberId: string }) => s.memberId).sort()).toEqual([...subjects].sort());
    await refused(() => call('qian', 'POST', `${base}/rounds`, { year: YEAR, half: 'H1', schemeVersion: 1 }), 409, 'round_already_open');
    await refused(() => call('sun', 'POST', `${round}/computed-scores`), 403);
    await refused(() => call('qian', 'POST', `${round}/computed-scores`, { all: true }), 400);
    const scored = await must(call('qian', 'POST', `${round}/computed-scores`));
    expect(scored.body.scoring.computed).toBe(subjects.length);
    await refused(() => call('sun', 'GET', `${round}/members/sun/explanation`), 403);
    const explained = await must(call('qian', 'GET', `${round}/members/zheng/explanation`));
    const checks = explained.body.sheet.criteria.find((c: { criterionId: string }) => c.criterionId === 'checks');
    expect(checks).toMatchObject({ formula: 'monthly-checks-on-track-ratio', schemeVersion: 1, inputs: { monthsChecked: 6 } });
    expect(checks.sourceEventIds.length).toBeGreaterThanOrEqual(6);
    const talks = explained.body.sheet.criteria.find((c: { criterionId: string }) => c.criterionId === 'talks');
    expect(talks).toMatchObject({ points: 2.5, inputs: { talks: 1 } });
  });

  it('takes the office’s entered scores, never for oneself', async () => {
    const enter = (who: string, memberId: string, criterionId: string, points: number, note = '表现良好') => call(who, 'PUT', `${round}/members/${memberId}/scores/${criterionId}`, { points, note });
    await refused(() => enter('li', 'li', 'group', 14), 403, 'scores_self');
    await refused(() => enter('qian', 'sun', 'group', 16), 422, 'bad_points');
    await refused(() => enter('qian', 'sun', 'items', 10), 422, 'computed_criterion');
    await refused(() => enter('qian', 'sun', 'democratic', 10), 422, 'democratic_criterion');
    await refused(() => enter('qian', 'sun', 'attendance', 1), 422, 'unknown_criterion');
    await refused(() => enter('qian', 'sun', 'group', 10, ' '), 422, 'note_required');
    await refused(() => enter('qian', 'qian', 'group', 10), 422, 'not_a_subject');
    await refused(() => enter('qian', 'sun', 'Group', 10), 400);
    await refused(() => enter('sun', 'zheng', 'group', 10), 403);
    for (const memberId of subjects) {
      await must(enter('qian', memberId, 'group', memberId === 'zheng' ? 11 : 14.5, '小组评价良好'));
      await must(enter('qian', memberId, 'distinct', memberId === 'sun' ? 5 : 3, '工作有特色'));
    }
    await must(call('qian', 'PUT', `${round}/members/sun/bonuses/research-award`, { points: 2, reason: '统计分析获市级奖励' }));
    await refused(() => call('qian', 'PUT', `${round}/members/sun/bonuses/research-award`, { points: 6, reason: '超上限' }), 422, 'bad_points');
    await must(call('qian', 'PUT', `${round}/members/wu/deductions/work-discipline`, { points: 1, reason: '迟报一次月报' }));
    await refused(() => call('qian', 'POST', `${round}/members/wu/vetoes/discipline-case/lift`, { reason: '无' }), 409, 'not_vetoed');
  });

  it('collects the democratic evaluation: self, peers, and the masses by one-time codes without an account', async () => {
    const selfIn = async (who: string, memberId: string) => (await must(call(who, 'GET', `${base}/members/${memberId}/years/${YEAR}`))).body.rounds.find((r: { half: string }) => r.half === 'H1').selfAssessment;
    expect(await selfIn('zheng', 'zheng')).toBeUndefined();
    for (const memberId of subjects) await must(call(memberId, 'POST', `${round}/self-assessment`, { rating: memberId === 'zheng' ? 'fair' : 'good' }));
    await refused(() => call('sun', 'POST', `${round}/self-assessment`, { rating: 'good' }), 409, 'already_assessed');
    // Shown back in her year, to her only: not to her group leader, the office (which reads the tallies) or another member.
    expect(await selfIn('zheng', 'zheng')).toEqual({ rating: 'fair', recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(await selfIn('zhao', 'zheng')).toBeUndefined();
    expect(await selfIn('qian', 'zheng')).toBeUndefined();
    await refused(() => call('wu', 'GET', `${base}/members/zheng/years/${YEAR}`), 403);
    await refused(() => call('mole', 'GET', `${base}/members/zheng/years/${YEAR}`), 403);
    await refused(() => h.call(undefined, 'GET', `${base}/members/zheng/years/${YEAR}`), 401);
    await refused(() => call('qian', 'POST', `${round}/self-assessment`, { rating: 'good' }), 403, 'not_a_subject');
    await refused(() => call('sun', 'POST', `${round}/self-assessment`, { rating: 'excellent' }), 400);
    const counts = (good: number, fair = 0) => ({ good, fair, average: 0, poor: 0 });
    const group1 = ['sun', 'wang', 'zhao', 'zheng'].map((memberId) => ({ memberId, counts: memberId === 'zheng' ? counts(1, 2) : counts(3) }));
    await refused(() => call('qian', 'POST', `${round}/peer-tallies`, { groupId: 'group-1', tallies: group1.map((t) => ({ ...t, counts: counts(4) })) }), 422, 'too_many_votes');
    await refused(() => call('qian', 'POST', `${round}/peer-tallies`, { groupId: 'group-1', tallies: group1.slice(1) }), 422, 'tallies_missing');
    await must(call('qian', 'POST', `${round}/peer-tallies`, { groupId: 'group-1', tallies: group1 }));
    await refused(() => call('qian', 'POST', `${round}/peer-tallies`, { groupId: 'group-1', tallies: group1 }), 409, 'peer_tally_recorded');
    await must(call('qian', 'POST', `${round}/peer-tallies`, { groupId: 'group-2', tallies: ['gao', 'li', 'wu'].map((memberId) => ({ memberId, counts: counts(2, 1) })) }));

    await refused(() => call('sun', 'POST', `${round}/ballot-codes`, { count: 3 }), 403);
    await refused(() => call('qian', 'POST', `${round}/ballot-codes`, { count: 0 }), 400);
    const issued = await must(call('qian', 'POST', `${round}/ballot-codes`, { count: 4 }));
    expect(issued.status).toBe(201);
    const codes: string[] = issued.body.codes;
    const slips = await must(call('qian', 'POST', `${round}/ballot-codes?format=html`, { count: 1 }));
    expect([slips.headers.get('content-type'), String(slips.body).includes('群众评议码')]).toEqual(['text/html; charset=utf-8', true]);
    const form = await must(h.call(undefined, 'POST', '/api/v1/appraisals/ballots/form', { bureauId: B, code: codes[0] }));
    expect(form.body).toMatchObject({ open: true, year: YEAR, half: 'H1' });
    expect(form.body.subjects.map((s: { name: string }) => s.name)).toContain('孙丽');
    for (const code of codes.slice(0, 3)) {
      const cast = await h.call(undefined, 'POST', '/api/v1/appraisals/ballots', { bureauId: B, code, ratings: subjects.map((memberId) => ({ memberId, rating: memberId === 'wu' ? 'average' : 'good' })) });
      expect(cast.status).toBe(201);
    }
    await refused(() => h.call(undefined, 'POST', '/api/v1/appraisals/ballots', { bureauId: B, code: codes[0], ratings: [{ memberId: 'sun', rating: 'poor' }] }), 409, 'code_already_used');
    await refused(() => h.call(undefined, 'POST', '/api/v1/appraisals/ballots', { bureauId: B, code: 'AAAA-BBBB-CCCC', ratings: [{ memberId: 'sun', rating: 'poor' }] }), 404, 'ballot_code_not_found');
    await refused(() => h.call(undefined, 'POST', '/api/v1/appraisals/ballots', { bureauId: B, code: codes[3], ratings: [{ memberId: 'qian', rating: 'poor' }] }), 422, 'not_a_subject');
    await refused(() => h.call(undefined, 'POST', '/api/v1/appraisals/ballots', { bureauId: B, code: 'abc', ratings: [] }), 400);
    await refused(() => call('sun', 'POST', `${round}/masses-tally`), 403);
    const tallied = await must(call('qian', 'POST', `${round}/masses-tally`));
    expect(tallied.body.scoring.massesCounted).toBe(true);
    await refused(() => call('qian', 'POST', `${round}/masses-tally`), 409, 'masses_tally_recorded');
    await refused(() => h.call(undefined, 'POST', '/api/v1/appraisals/ballots', { bureauId: B, code: codes[3], ratings: [{ memberId: 'sun', rating: 'good' }] }), 409, 'masses_evaluation_closed');
    const tallies = await must(call('qian', 'GET', `${round}/tallies`));
    expect(tallies.body).toMatchObject({ massBallots: 3, masses: { sun: { good: 3 }, wu: { average: 3 } } });
    await refused(() => call('sun', 'GET', `${round}/tallies`), 403);
    // Without an account the ballot routes are limited per address: a guessing run is stopped.
    const guesses = await Promise.all(Array.from({ length: 60 }, () => h.call(undefined, 'POST', '/api/v1/appraisals/ballots/form', { bureauId: B, code: 'ZZZZ-ZZZZ-ZZZZ' })));
    expect(guesses.some((g) => g.status === 429)).toBe(true);
  });

  it('refuses bad input on every other route, writing nothing', async () => {
    await refused(() => call('sun', 'POST', `${base}/schemes/${YEAR}/versions/1/publish`), 403);
    await refused(() => call('qian', 'POST', `${base}/schemes/${YEAR}/versions/2/publish`), 409, 'wrong_state');
    await refused(() => call('qian', 'GET', `${base}/schemes/twenty/versions`), 400);
    await refused(() => call('sun', 'GET', `${base}/calendar/1999`), 400);
    await refused(() => call('zhao', 'GET', `${base}/groups/group-1/checks/${NEXT_MONTH}`), 404, 'monthly_check_not_found');
    await refused(() => call('sun', 'GET', `${base}/groups/group-1/checks/${YEAR}-01`), 403);
    await refused(() => call('sun', 'GET', `${base}/branches/branch-1/dispatches/${YEAR}/1/preview`), 403);
    await refused(() => call('wang', 'GET', `${base}/branches/branch-1/dispatches/${YEAR}/5/preview`), 400);
    await refused(() => call('wang', 'GET', `${base}/branches/branch-1/dispatches/${YEAR}/3`), 404, 'quarterly_dispatch_not_found');
    await refused(() => call('sun', 'GET', `${base}/talks?branchId=branch-1`), 403);
    await refused(() => call('sun', 'GET', `${base}/talks`), 403);
    await refused(() => call('wang', 'GET', `${base}/talks?status=lost`), 400);
    await refused(() => call('sun', 'GET', `${base}/rounds/${YEAR}/H2`), 404, 'appraisal_round_not_found');
    await refused(() => call('sun', 'GET', `${base}/rounds?year=soon`), 400);
    await refused(() => call('qian', 'PUT', `${round}/members/wu/deductions/work-discipline`, { points: 11, reason: '超上限' }), 422, 'bad_points');
    await refused(() => call('qian', 'PUT', `${round}/members/wu/deductions/late`, { points: 1, reason: '未知' }), 422, 'unknown_deduction');
    await refused(() => call('qian', 'POST', `${round}/members/wu/vetoes/theft`, { reason: '未知' }), 422, 'unknown_veto');
    await refused(() => call('sun', 'POST', `${round}/members/wu/vetoes/discipline-case`, { reason: '处分' }), 403);
    await refused(() => call('qian', 'POST', `${round}/members/wu/vetoes/discipline-case`, { reason: ' ' }), 422, 'reason_required');
    await refused(() => call('sun', 'GET', `${round}/results?grade=best`), 400);
    await refused(() => call('sun', 'GET', `${round}/notice`), 404, 'notice_not_found');
    await refused(() => call('qian', 'GET', `${round}/members/qian/explanation`), 404, 'subject_not_found');
    await refused(() => call('sun', 'GET', `${base}/members/sun/years/last`), 400);
    expect((await call('sun', 'GET', `${round}/results`)).body).toMatchObject({ provisional: false, byGrade: [{ count: 0 }, { count: 0 }, { count: 0 }, { count: 0 }] });
    expect((await call('qian', 'GET', `${round}/results`)).body.provisional).toBe(true);
  });

  it('runs a what-if under another version without touching the round', async () => {
    const before = appraisalEvents(h.dataDir, B);
    const whatIf = await must(call('qian', 'GET', `${round}/what-if?schemeVersion=2`));
    expect(whatIf.body).toMatchObject({ schemeVersion: 2, officialSchemeVersion: 1, missingFacts: [] });
    expect(whatIf.body.results).toHaveLength(subjects.length);
    expect(appraisalEvents(h.dataDir, B)).toBe(before);
    await refused(() => call('sun', 'GET', `${round}/what-if?schemeVersion=2`), 403);
    await refused(() => call('qian', 'GET', `${round}/what-if?schemeVersion=5`), 404);
    await refused(() => call('qian', 'GET', `${round}/what-if`), 400);
  });
});

describe('public notice, objections and final results', () => {
  it('puts the results on notice for the working days given', async () => {
    await refused(() => call('qian', 'POST', `${round}/notice`, { workingDays: 0 }), 400);
    await refused(() => call('sun', 'POST', `${round}/notice`, {}), 403);
    const posted = await must(call('qian', 'POST', `${round}/notice`, { workingDays: 1 }));
    expect(posted.body).toMatchObject({ status: 'on-notice', results: { onNotice: 7 } });
    await refused(() => call('qian', 'POST', `${round}/notice`, { workingDays: 1 }), 409, 'wrong_state');
    const notice = await call('sun', 'GET', `${round}/notice`);
    expect(notice.headers.get('content-type')).toContain('text/html');
    for (const text of ['公　示', '孙丽', '公示期', '个工作日', '合格']) expect(notice.body).toContain(text);
    const results = await eventually(() => call('wu', 'GET', `${round}/results`), (r) => r.body.byGrade?.reduce((n: number, g: { count: number }) => n + g.count, 0) === 7);
    expect(results.body.provisional).toBe(false);
  });

  it('takes objections from anyone in the bureau; the objector is for the office only', async () => {
    await refused(() => call('wu', 'POST', `${round}/objections`, { memberId: 'sun', text: ' ' }), 422, 'text_required');
    await refused(() => call('wu', 'POST', `${round}/objections`, { memberId: 'qian', text: '不在考核范围' }), 422, 'not_a_subject');
    await refused(() => call('mole', 'POST', `${round}/objections`, { memberId: 'sun', text: '冒名异议' }), 403);
    const objection = await must(call('wu', 'POST', `${round}/objections`, { memberId: 'sun', text: '组织评价分数偏高，与实际不符' }));
    const second = await must(call('zheng', 'POST', `${round}/objections`, { memberId: 'wu', text: '扣分过轻' }));
    await refused(() => call('sun', 'GET', `${round}/objections`), 403);
    const listed = await must(call('qian', 'GET', `${round}/objections`));
    expect(listed.body.items.map((o: { objectorId: string; text: string }) => [o.objectorId, o.text])).toEqual([
      ['wu', '组织评价分数偏高，与实际不符'],
      ['zheng', '扣分过轻'],
    ]);
    const audited = await must(call('auditor', 'GET', `${round}/objections`));
    expect(audited.body.items).toHaveLength(2);
    expect(JSON.stringify(audited.body)).not.toMatch(/组织评价分数偏高|扣分过轻|objectorId|"zheng"/);
    const notice = await call('zheng', 'GET', `${round}/notice`);
    expect(notice.body).not.toContain('组织评价分数偏高');
    await refused(() => call('sun', 'POST', `${round}/objections/${objection.body.objectionId}/uphold`, { reason: '属实' }), 403);
    await refused(() => call('qian', 'POST', `${round}/objections/${objection.body.objectionId}/uphold`, { reason: '' }), 422, 'reason_required');
    await refused(() => call('qian', 'POST', `${round}/objections/nope/dismiss`, { reason: '不属实' }), 404, 'objection_not_found');
    await must(call('li', 'POST', `${round}/objections/${objection.body.objectionId}/uphold`, { reason: '经复核，组织评价应予调整' }));
    await must(call('qian', 'POST', `${round}/objections/${second.body.objectionId}/dismiss`, { reason: '扣分符合考核办法' }));
    await refused(() => call('qian', 'POST', `${round}/objections/${second.body.objectionId}/dismiss`, { reason: '再次' }), 409, 'objection_decided');
  });

  it('rescores the member, renews the notice, and finalizes once it is over', async () => {
    await refused(() => call('qian', 'PUT', `${round}/members/wu/scores/group`, { points: 10, note: '复核' }), 409, 'not_rescoring');
    await refused(() => call('qian', 'POST', `${round}/finalize`), 409, 'rescoring_pending');
    await must(call('qian', 'POST', `${round}/computed-scores`));
    await must(call('qian', 'PUT', `${round}/members/sun/scores/group`, { points: 12, note: '复核后调整' }));
    const renewed = await must(call('qian', 'POST', `${round}/renewed-notice`, { workingDays: 1 }));
    expect(renewed.body.results.rescoring).toBe(0);
    await refused(() => call('qian', 'POST', `${round}/renewed-notice`, { workingDays: 1 }), 409, 'nothing_to_renotice');
    await refused(() => call('qian', 'POST', `${round}/finalize`), 409, 'notice_not_over');

    // Days later (the service's clock moved on): the worker finalizes the round by itself.
    await moveClockOn(h, 4);
    const final = await eventually(() => call('sun', 'GET', round), (r) => r.body.status === 'final', 60_000);
    expect(final.body.results).toMatchObject({ final: 7, onNotice: 0 });
    await refused(() => call('qian', 'PUT', `${round}/members/sun/scores/group`, { points: 15, note: '改分' }), 409, 'round_final');
    expect((await must(call('qian', 'POST', `${round}/finalize`))).body.status).toBe('final');

    const bus = await openMessageBus(`sqlite:${join(h.dataDir, 'bus.db')}`);
    try {
      const finalized = await eventually(
        async () => ({ status: 200, headers: new Headers(), body: (await bus.browse(Topics.appraisal, { limit: 1000 })).filter((m) => m.value.type === 'pledgebook.appraisal.result-finalized.v1') }),
        (r) => new Set(r.body.map((m: { value: { id: string } }) => m.value.id)).size === 7,
      );
      const members = [...new Map(finalized.body.map((m: { value: { id: string; data: { memberId: string } } }) => [m.value.id, m.value.data.memberId])).values()];
      expect(members.sort()).toEqual([...Object.entries(PEOPLE).filter(([, p]) => p.book).map(([id]) => id)].sort());
      const all = JSON.stringify(await bus.browse(Topics.appraisal, { limit: 1000 }));
      for (const secret of ['家庭困难', '组织评价分数偏高', '扣分过轻', 'objector', '借调省局']) expect(all).not.toContain(secret);
    } finally {
      await bus.close();
    }
  }, 120_000);

  it('shows a member’s year: checks, talks, and the score explained', async () => {
    const year = await must(call('zheng', 'GET', `${base}/members/zheng/years/${YEAR}`));
    expect(year.body.checks).toHaveLength(6);
    expect(year.body.talks).toMatchObject([{ status: 'held' }]);
    expect(year.body.rounds[0].explanation).toMatchObject({ memberId: 'zheng', result: { status: 'final' } });
    expect((await call('zhao', 'GET', `${base}/members/zheng/years/${YEAR}`)).status).toBe(200);
    await refused(() => call('wu', 'GET', `${base}/members/zheng/years/${YEAR}`), 403);
    await refused(() => call('wu', 'GET', `${base}/members/nobody/years/${YEAR}`), 404);
    const byGrade = await must(call('auditor', 'GET', `${round}/results`));
    expect(byGrade.body.byGrade.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(7);
  });
});
