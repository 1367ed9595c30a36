// The pledge and reward services as processes on one data directory, the appraisal topic's final
// results published to the bus as the appraisal service publishes them: from a final result to a
// granted reward on pledgebook.reward.v1, with the reward service killed mid-selection.
import { Topics } from '@pledgebook/contracts';
import { startServiceProcess, type Caller, type Harness } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveAndPublish, finalizeResult, topicMessages } from './testing/bus-events';
import { eventually, must, TODAY, YEAR } from './testing/reward-system';

const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-reward-'));
let pledge: Harness;
let reward: Harness;
const as: Record<string, Caller> = {};

const policy = {
  honours: [
    {
      honourId: 'outstanding-member',
      title: '優秀共產黨員',
      award: 'selection',
      eligibleGrades: ['excellent'],
      consecutiveTopGrades: 2,
      quota: 2,
      reward: { spiritual: ['honour-title', 'certificate'], material: { kind: 'money', amountFen: 100_000 } },
    },
    { honourId: 'commendation', title: '踐諾考核優秀表揚', award: 'automatic', eligibleGrades: ['excellent'], reward: { spiritual: ['commendation'] } },
  ],
};

beforeAll(async () => {
  pledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir });
  reward = await startServiceProcess(join(__dirname, 'main.ts'), { dataDir, trustTestKey: false });
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'shandong', name: '山東省統計局', level: 'province' }));
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city', parentBureauId: 'shandong' }));
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'yantai', name: '煙台市統計局', level: 'city', parentBureauId: 'shandong' }));
  const admin = await pledge.as({ sub: 'ye', bureauId: 'weihai', roles: ['bureau-admin'] });
  const csv = [
    'record,key,name,type,parent,partyStatus,branch,group,department,roles',
    'unit,branch-1,機關第一黨支部,party-branch,,,,,,',
    'unit,branch-2,機關第二黨支部,party-branch,,,,,,',
    'unit,group-1,綜合黨小組,party-group,branch-1,,,,,',
    'unit,group-4,工業交通黨小組,party-group,branch-2,,,,,',
    'member,wang,王曉東,,,full,,group-1,,member',
    'member,zhou,周敏,,,full,,group-1,,member',
    'member,sun,孫麗,,,full,,group-1,,member;branch-secretary',
    'member,peng,彭波,,,full,,group-4,,member;branch-secretary',
    'member,chen,陳志強,,,full,,group-4,,member;leading-group',
  ].join('\n');
  await must(pledge.call(admin, 'POST', '/api/v1/bureaus/weihai/directory/import', csv, { 'content-type': 'text/csv' }));
  const roles: Record<string, string[]> = { wang: ['member'], zhou: ['member'], sun: ['member', 'branch-secretary'], peng: ['member', 'branch-secretary'], chen: ['member', 'leading-group'] };
  for (const [sub, r] of Object.entries(roles)) as[sub] = await pledge.as({ sub, bureauId: 'weihai', roles: r });
  as.ye = admin;
  as.provinceAuditor = await pledge.as({ sub: 'audit-p', bureauId: 'shandong', roles: ['auditor'] });
  as.yantaiAdmin = await pledge.as({ sub: 'yt', bureauId: 'yantai', roles: ['bureau-admin', 'leading-group'] });
  // The reward service learns the directory from the bus.
  await eventually(() => reward.call(as.chen!, 'GET', '/api/v1/rewards/members/peng'), (r) => r.status === 200 && r.body.branchId === 'branch-2');
}, 180_000);

afterAll(async () => {
  await reward?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rewards across processes', () => {
  it('turns final results into an automatic grant and a proposed nominee, selects with the reward service killed mid-way, and grants on the bus once', async () => {
    const { chen, sun, peng, wang } = as as Record<string, Caller>;
    expect((await reward.call(chen, 'PUT', `/api/v1/rewards/policies/${YEAR}`, policy)).status).toBe(200);
    await finalizeResult(dataDir, { memberId: 'wang', year: YEAR, half: 'H1', grade: 'excellent', points: 93 });
    await finalizeResult(dataDir, { memberId: 'wang', year: YEAR, half: 'H2', grade: 'excellent', points: 95 });
    await finalizeResult(dataDir, { memberId: 'zhou', year: YEAR, half: 'H2', grade: 'qualified', points: 81 });

    // Each excellent result is the basis of the policy's automatic commendation.
    const automatic = await eventually(() => reward.call(wang, 'GET', '/api/v1/rewards/members/wang'), (r) => r.body.grants?.length === 2 && r.body.results?.length === 2);
    expect(automatic.body.grants.map((g: { grant: { ground: string; basis: { id: string } } }) => [g.grant.ground, g.grant.basis.id]).sort()).toEqual([
      ['fulfilment', `round-${YEAR}-H1/wang`],
      ['fulfilment', `round-${YEAR}-H2/wang`],
    ]);

    // Opened by the leading group: the nominee list comes from final results and the policy (two consecutive 優秀).
    const opened = await reward.call(chen, 'POST', '/api/v1/rewards/selections', { year: YEAR, honourId: 'outstanding-member', quota: 2 }, { 'idempotency-key': 'open-1' });
    expect(opened.status).toBe(201);
    const selectionId = opened.body.selectionId as string;
    expect(opened.body).toMatchObject({ status: 'open', title: '優秀共產黨員', quota: 2, proposed: [{ memberId: 'wang', grade: 'excellent', basis: [`round-${YEAR}-H2/wang`, `round-${YEAR}-H1/wang`] }] });
    expect((await reward.call(chen, 'POST', '/api/v1/rewards/selections', { year: YEAR, honourId: 'outstanding-member', quota: 2 }, { 'idempotency-key': 'open-1' })).body.selectionId).toBe(selectionId);

    // Bad input: problem documents, nothing written.
    const before = (await reward.call(chen, 'GET', `/api/v1/rewards/selections/${selectionId}`)).body.revision;
    expect((await reward.call(sun, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'wang', extra: 1 })).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: '/extra' })] });
    expect((await reward.call(sun, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'zhou' })).body).toMatchObject({ status: 422, code: 'reason_required', errors: [{ field: '/reason' }] });
    expect((await reward.call(peng, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'wang' })).body).toMatchObject({ status: 403, code: 'not_your_branch' });
    expect((await reward.call(sun, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'ghost', reason: 'x' })).body).toMatchObject({ status: 422, code: 'unknown_member' });
    expect((await reward.call(as.yantaiAdmin!, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'wang' })).status).toBe(403);
    expect((await reward.call(sun, 'POST', '/api/v1/rewards/selections', { year: YEAR, honourId: 'outstanding-member', quota: 2 })).body).toMatchObject({ status: 403, detail: expect.stringContaining('leading-group') });
    expect((await reward.call(chen, 'POST', '/api/v1/rewards/selections', { year: YEAR, honourId: 'outstanding-member', quota: 9 })).body).toMatchObject({ status: 422, code: 'quota_over_policy' });
    expect((await reward.call(chen, 'GET', `/api/v1/rewards/selections/${selectionId}`)).body.revision).toBe(before);

    expect((await reward.call(sun, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'wang' }, { 'idempotency-key': 'nominate-wang' })).status).toBe(201);
    const zhou = await reward.call(sun, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'zhou', reason: '全年資助兩名學生，群眾評價高' });
    expect(zhou.body.nominations.map((n: { memberId: string; grade?: string }) => [n.memberId, n.grade])).toEqual([
      ['wang', 'excellent'],
      ['zhou', 'qualified'],
    ]);

    // Killed mid-selection: nothing lost; a retried request is the same request, a new one a 409.
    await reward.kill();
    await reward.restart();
    const after = await reward.call(chen, 'GET', `/api/v1/rewards/selections/${selectionId}`);
    expect(after.body).toMatchObject({ status: 'open', revision: zhou.body.revision });
    const retried = await reward.call(sun, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'wang' }, { 'idempotency-key': 'nominate-wang' });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect((await reward.call(sun, 'POST', `/api/v1/rewards/selections/${selectionId}/nominations`, { memberId: 'wang' })).body).toMatchObject({ status: 409, code: 'already_nominated' });

    const meeting = { date: TODAY, attendees: ['chen', 'sun', 'peng'], minutes: '領導小組會議研究決定' };
    expect((await reward.call(chen, 'POST', `/api/v1/rewards/selections/${selectionId}/decision`, { meeting, selected: ['wang', 'zhou', 'sun'] })).body).toMatchObject({ status: 422, code: 'not_nominated' });
    const decided = await reward.call(chen, 'POST', `/api/v1/rewards/selections/${selectionId}/decision`, { meeting, selected: ['wang', 'zhou'] }, { 'idempotency-key': 'decide-1', 'if-match': `"${zhou.body.revision}"` });
    expect(decided.body).toMatchObject({ status: 'decided', decision: { selected: ['wang', 'zhou'] } });
    expect((await reward.call(chen, 'POST', `/api/v1/rewards/selections/${selectionId}/announcement`, {}, { 'if-match': `"${zhou.body.revision}"` })).status).toBe(412);
    expect((await reward.call(chen, 'POST', `/api/v1/rewards/selections/${selectionId}/announcement`, {})).body).toMatchObject({ status: 'announced' });
    // Killed again while the announcement's grants are being made.
    await reward.kill();
    await reward.restart();

    const granted = await eventually(
      () => reward.call(chen, 'GET', `/api/v1/rewards/grants?year=${YEAR}&limit=50`),
      (r) => r.body.items?.filter((g: { grant: { ground: string } }) => g.grant.ground === 'selection').length === 2,
    );
    const selectionGrants = granted.body.items.filter((g: { grant: { ground: string } }) => g.grant.ground === 'selection');
    expect(selectionGrants.map((g: { grant: { recipient: { id: string }; material: unknown } }) => [g.grant.recipient.id, g.grant.material]).sort()).toEqual([
      ['wang', { kind: 'money', amountFen: 100_000 }],
      ['zhou', { kind: 'money', amountFen: 100_000 }],
    ]);

    // On the bus: the decision, and each grant once (a redelivered message keeps its id).
    const onBus = await eventually(
      async () => ({ status: 200, body: await topicMessages(dataDir, Topics.reward), headers: new Headers() }),
      (r) => r.body.filter((e: { type: string }) => e.type === 'pledgebook.reward.reward-granted.v1').length >= 4,
    );
    const grants = onBus.body.filter((e: { type: string }) => e.type === 'pledgebook.reward.reward-granted.v1');
    const bySelection = grants.filter((e: { data: { ground: string } }) => e.data.ground === 'selection');
    expect(new Set(bySelection.map((e: { data: { grantId: string } }) => e.data.grantId)).size).toBe(2);
    expect(new Set(bySelection.map((e: { id: string }) => e.id)).size).toBe(2);
    expect(bySelection[0]).toMatchObject({ source: '/bureaus/weihai/reward-service', bureauid: 'weihai', data: { basis: { type: 'selection', id: selectionId }, spiritual: ['honour-title', 'certificate'] } });
    expect(onBus.body.filter((e: { type: string }) => e.type === 'pledgebook.reward.selection-decided.v1')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ selectionId, honourId: 'outstanding-member', selected: ['wang', 'zhou'], meetingDate: TODAY }) }),
    ]);

    // The same recipient, ground and basis again is a 409; a revocation needs a reason.
    const again = await reward.call(chen, 'POST', '/api/v1/rewards/grants', { year: YEAR, recipient: { type: 'member', id: 'wang' }, ground: 'selection', basis: { type: 'selection', id: selectionId }, title: '優秀共產黨員', spiritual: ['certificate'] });
    expect(again.body).toMatchObject({ status: 409, code: 'grant_exists' });
    const wangGrant = selectionGrants.find((g: { grant: { recipient: { id: string } } }) => g.grant.recipient.id === 'wang').grantId;
    const certificate = await reward.call(wang, 'GET', `/api/v1/rewards/grants/${wangGrant}/certificate`);
    expect(certificate.headers.get('content-type')).toContain('text/html');
    expect(certificate.body).toContain('王曉東同志');
    expect(certificate.body).toContain('奖金1,000.00元');
    const announcement = await reward.call(wang, 'GET', `/api/v1/rewards/selections/${selectionId}/announcement`);
    expect(announcement.body).toContain('周敏');
    expect((await reward.call(chen, 'POST', `/api/v1/rewards/grants/${wangGrant}/revocation`, {})).status).toBe(400);
  }, 240_000);

  it('reports the figures per branch and group, rolled up for the province, recomputable as of a time, exported', async () => {
    const { wang, zhou, chen } = as as Record<string, Caller>;
    const deed = { kind: 'deed', category: 'student-aid', text: '資助一名困難學生', target: '全年2000元' };
    const common = { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' };
    const position = { kind: 'position', text: '把人口抽樣調查做到全省一流', target: '全省前三', benchmark: true };
    const draft = async (who: Caller | undefined, memberId: string) => (await must(pledge.call(who, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: [memberId] }, items: [common, position, deed] }))).body.pledgeId as string;
    const wangBook = await draft(wang, 'wang');
    const zhouBook = await draft(zhou, 'zhou');
    await must(pledge.call(wang, 'POST', `/api/v1/pledges/${wangBook}/submit`));
    await must(pledge.call(zhou, 'POST', `/api/v1/pledges/${zhouBook}/submit`));
    await must(pledge.call(zhou, 'POST', `/api/v1/pledges/${zhouBook}/withdraw`, { reason: '調崗' }));
    await approveAndPublish(dataDir, wangBook, YEAR);
    await eventually(() => pledge.call(wang, 'GET', `/api/v1/pledges/${wangBook}`), (r) => r.body.status === 'published');
    const first = await must(pledge.call(wang, 'POST', `/api/v1/pledges/${wangBook}/progress`, { itemNo: 3, recordedOn: TODAY, narrative: '送去助學金', peopleAided: 1, amountFen: 100_000, beneficiaryRef: 'student-07' }));
    await must(pledge.call(wang, 'POST', `/api/v1/pledges/${wangBook}/progress`, { itemNo: 3, recordedOn: TODAY, narrative: '更正金額', peopleAided: 1, amountFen: 120_000, beneficiaryRef: 'student-07', corrects: first.body.recordId }));
    await must(pledge.call(wang, 'POST', `/api/v1/pledges/${wangBook}/progress`, { itemNo: 3, recordedOn: TODAY, narrative: '再次走訪', peopleAided: 1, amountFen: 30_000, beneficiaryRef: 'student-07', volunteerHours: 3 }));

    const figures = await eventually(() => reward.call(chen, 'GET', `/api/v1/statistics/bureaus/weihai?year=${YEAR}`), (r) => r.body.total?.records === 2);
    // The withdrawn book does not count; the corrected record counts once; the student once.
    expect(figures.body.total).toMatchObject({ booksPublished: 1, booksInReview: 0, deedsPledged: 1, deedsDone: 1, fulfilmentRate: 1, peopleAided: 1, amountFen: 150_000, volunteerHours: 3 });
    expect(figures.body.total.grades).toEqual({ excellent: 2, qualified: 1, 'basically-qualified': 0, unqualified: 0 });
    expect(figures.body.total).toMatchObject({ grants: 4, grantsAmountFen: 200_000 });
    expect(figures.body.bureau).toEqual({ bureauId: 'weihai', name: '威海市統計局' });
    expect(figures.body.groups).toEqual([expect.objectContaining({ groupId: 'group-1', branchId: 'branch-1', name: '綜合黨小組', deedsPledged: 1 })]);
    expect(figures.body.branches.map((b: { branchId: string; name: string }) => [b.branchId, b.name])).toEqual([['branch-1', '機關第一黨支部']]);

    // The same figures recomputed from the events recorded by now; fewer as of before the deeds.
    const asOf = new Date().toISOString();
    const live = await reward.call(chen, 'GET', `/api/v1/statistics/bureaus/weihai?year=${YEAR}&asOf=${asOf}`);
    const liveNow = await reward.call(chen, 'GET', `/api/v1/statistics/bureaus/weihai?year=${YEAR}`);
    expect({ ...live.body, asOf: undefined }).toEqual({ ...liveNow.body, asOf: undefined });
    const earlier = await reward.call(chen, 'GET', `/api/v1/statistics/bureaus/weihai?year=${YEAR}&asOf=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    expect(earlier.body.total).toMatchObject({ booksPublished: 0, records: 0, amountFen: 0 });

    // The province's auditor sees each child and the sum; a child bureau sees only itself.
    const rollUp = await reward.call(as.provinceAuditor!, 'GET', `/api/v1/statistics/bureaus/shandong/roll-up?year=${YEAR}`);
    expect(rollUp.status).toBe(200);
    expect(rollUp.body.rows.map((r: { bureauId: string; scope: string; amountFen: number }) => [r.bureauId, r.scope, r.amountFen])).toEqual([
      ['shandong', 'own', 0],
      ['weihai', 'with-descendants', 150_000],
      ['yantai', 'with-descendants', 0],
    ]);
    expect(rollUp.body.sum).toMatchObject({ amountFen: 150_000, peopleAided: 1 });
    expect((await reward.call(as.provinceAuditor!, 'GET', `/api/v1/statistics/bureaus/weihai?year=${YEAR}`)).status).toBe(200);
    expect((await reward.call(chen, 'GET', '/api/v1/statistics/bureaus/shandong/roll-up')).status).toBe(403);
    expect((await reward.call(as.yantaiAdmin!, 'GET', '/api/v1/statistics/bureaus/weihai')).status).toBe(403);

    const csv = await reward.call(chen, 'GET', `/api/v1/statistics/bureaus/weihai/export?format=csv&table=groups&year=${YEAR}&asOf=${asOf}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('机关,威海市統計局');
    expect(csv.body).toContain(`数据截至,${asOf}`);
    expect(csv.body).toContain('綜合黨小組,1,0,1,1,1,1,1500');
    const xlsx = await fetch(`${reward.baseUrl}/api/v1/statistics/bureaus/weihai/export?format=xlsx`, { headers: { authorization: `Bearer ${chen!.token}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['合计', '各支部', '各党小组', '各年度', '汇总']);
    expect(workbook.worksheets[0]!.getRow(1).values).toEqual([undefined, '机关', '威海市統計局']);
    expect((await reward.call(chen, 'GET', '/api/v1/statistics/bureaus/weihai/export?format=pdf')).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: '/query/format' })] });
  }, 180_000);

  it('rates research works by a non-author, grants the shares, totals them and puts the bonus on the bus; records opening totals', async () => {
    const { chen, wang, zhou, sun } = as as Record<string, Caller>;
    const scheme = {
      appraisalBonus: true,
      categories: [{ categoryId: 'analysis-report', name: '统计分析报告', levels: [{ levelId: 'first', name: '一等', amountFen: 80_001, bonusPoints: 1.5 }] }],
    };
    expect((await reward.call(wang, 'PUT', `/api/v1/rewards/research/schemes/${YEAR}`, scheme)).body).toMatchObject({ status: 403, detail: expect.stringContaining('leading-group') });
    expect((await reward.call(chen, 'PUT', `/api/v1/rewards/research/schemes/${YEAR}`, scheme)).status).toBe(200);
    const submitted = await reward.call(wang, 'POST', '/api/v1/rewards/research/works', { year: YEAR, title: '人口抽样调查数据质量分析', categoryId: 'analysis-report', authors: ['wang', 'sun'], evidence: ['局分析报告评审纪要'] });
    expect(submitted.status).toBe(201);
    const workId = submitted.body.workId as string;
    expect((await reward.call(zhou, 'POST', '/api/v1/rewards/research/works', { year: YEAR, title: 'x', categoryId: 'poems', authors: ['zhou'], evidence: ['e'] })).body).toMatchObject({ status: 422, code: 'unknown_category' });
    expect((await reward.call(sun, 'POST', `/api/v1/rewards/research/works/${workId}/rating`, { levelId: 'first' })).status).toBe(403);
    const office = await pledge.as({ sub: 'sun', bureauId: 'weihai', roles: ['member', 'appraisal-office'] });
    expect((await reward.call(office, 'POST', `/api/v1/rewards/research/works/${workId}/rating`, { levelId: 'first' })).body).toMatchObject({ status: 403, code: 'rater_is_author' });
    const rated = await reward.call(chen, 'POST', `/api/v1/rewards/research/works/${workId}/rating`, { levelId: 'first' });
    expect(rated.body).toMatchObject({ status: 'rated', rating: { amountFen: 80_001, shares: [{ memberId: 'wang', shareFen: 40_001 }, { memberId: 'sun', shareFen: 40_000 }] } });
    const totals = await eventually(() => reward.call(wang, 'GET', `/api/v1/rewards/research/totals?year=${YEAR}`), (r) => r.body.members?.length === 2);
    expect(totals.body.members).toEqual([
      { memberId: 'wang', name: '王曉東', works: 1, amountFen: 40_001, bonusPoints: 1.5 },
      { memberId: 'sun', name: '孫麗', works: 1, amountFen: 40_000, bonusPoints: 1.5 },
    ]);
    const researchGrants = await eventually(() => reward.call(chen, 'GET', `/api/v1/rewards/grants?year=${YEAR}&limit=100`), (r) => r.body.items.filter((g: { grant: { ground: string } }) => g.grant.ground === 'research').length === 2);
    expect(researchGrants.status).toBe(200);
    const onBus = await eventually(
      async () => ({ status: 200, body: await topicMessages(dataDir, Topics.reward), headers: new Headers() }),
      (r) => r.body.some((e: { type: string }) => e.type === 'pledgebook.reward.research-work-rated.v1'),
    );
    expect(onBus.body.find((e: { type: string }) => e.type === 'pledgebook.reward.research-work-rated.v1').data).toEqual({
      bureauId: 'weihai',
      workId,
      year: YEAR,
      categoryId: 'analysis-report',
      levelId: 'first',
      amountFen: 80_001,
      authors: [{ memberId: 'wang', shareFen: 40_001 }, { memberId: 'sun', shareFen: 40_000 }],
      appraisalBonusPoints: 1.5,
      ratedAt: rated.body.rating.ratedAt,
    });

    // Opening totals for a year before the system; not for a year it holds books for.
    const opening = { deedsPledged: 12, deedsDone: 11, peopleAided: 5, amountFen: 300_000 };
    expect((await reward.call(as.ye!, 'PUT', `/api/v1/statistics/bureaus/weihai/opening-totals/${YEAR}`, opening)).body).toMatchObject({ status: 422, code: 'year_in_system' });
    expect((await reward.call(as.ye!, 'PUT', '/api/v1/statistics/bureaus/weihai/opening-totals/2011', { ...opening, deedsDone: 13 })).body).toMatchObject({ status: 422, code: 'done_over_pledged' });
    expect((await reward.call(as.yantaiAdmin!, 'PUT', '/api/v1/statistics/bureaus/weihai/opening-totals/2011', opening)).status).toBe(403);
    expect((await reward.call(as.ye!, 'PUT', '/api/v1/statistics/bureaus/weihai/opening-totals/2011', opening)).status).toBe(200);
    const sinceStart = await eventually(() => reward.call(chen, 'GET', '/api/v1/statistics/bureaus/weihai'), (r) => r.body.years?.[0]?.year === 2011);
    expect(sinceStart.body.years[0]).toMatchObject({ year: 2011, deedsPledged: 12, peopleAided: 5, withOpeningTotals: true });
    expect(sinceStart.body.total).toMatchObject({ deedsPledged: 13, amountFen: 450_000, withOpeningTotals: true });
  }, 120_000);
});
