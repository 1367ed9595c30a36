// Loads the demo bureau through the public API (the gateway), never by writing to the stores.
// Safe to run again after an interruption: what exists already is left as it is.
import { ApiClient, ApiError } from './api-client';
import { until } from './steps';
import { BRANCH_SECRETARIES, branchOf, DEMO_ACCOUNTS, DEMO_BUREAU, DEMO_PEOPLE, DEMO_YEAR, demoDirectoryCsv, demoItems, GROUP_LEADERS, notAfterToday } from './demo-bureau';

export interface DemoOptions {
  gatewayUrl: string;
  adminPassword: string;
  demoPassword: string;
  /**
   * The shared password is an initial one: once the demo is loaded every demo account must
   * choose its own at first sign-in (default). Off only for the console's screenshots and benchmark.
   */
  forcePasswordChange?: boolean;
  log?: (line: string) => void;
}

export interface DemoSummary {
  members: number;
  pledgesByStatus: Record<string, number>;
}

/**
 * Where each member's book ends up, in turn (three in four members have drafted one). Reviews
 * go as the programme has them: the party group discusses and forwards, the branch meeting
 * decides every item, the secretary publishes the approved books; published books get deeds.
 */
const PLANS = ['published', 'draft', 'published', 'returned', 'published', 'submitted', 'at-branch', 'approved', 'withdrawn', 'published', 'group-returned'] as const;
type Plan = (typeof PLANS)[number];

const DEEDS = [
  { narrative: '走访资助学生家庭，送去学习用品和助学金', peopleAided: 1, amountFen: 50_000 },
  { narrative: '到联系村帮助整理农产品销售台账', peopleAided: 3, amountFen: 0, volunteerHours: 6 },
  { narrative: '参加社区统计知识宣传日，解答居民咨询', peopleAided: 40, volunteerHours: 4 },
];

export async function loadDemo(options: DemoOptions): Promise<DemoSummary> {
  const log = options.log ?? (() => undefined);
  const { gatewayUrl: url, demoPassword } = options;
  const b = DEMO_BUREAU.bureauId;
  const root = await ApiClient.login(url, 'admin', options.adminPassword);
  await root.send('POST', '/api/v1/bureaus', DEMO_BUREAU, { tolerateConflict: true });
  const admin = DEMO_ACCOUNTS.find((a) => a.username === 'bureau-admin')!;
  await root.send('POST', `/api/v1/bureaus/${b}/accounts`, { ...admin, password: demoPassword }, { tolerateConflict: true });
  const bureauAdmin = await ApiClient.login(url, admin.username, demoPassword);
  await bureauAdmin.send('POST', `/api/v1/bureaus/${b}/directory/import`, demoDirectoryCsv(), { contentType: 'text/csv' });
  log(`directory: ${DEMO_PEOPLE.length} people in ${DEMO_BUREAU.name}`);

  // Every member gets an account (username = member id); the demo ones are named by role.
  for (const account of DEMO_ACCOUNTS) {
    if (account !== admin) await bureauAdmin.send('POST', `/api/v1/bureaus/${b}/accounts`, { ...account, password: demoPassword }, { tolerateConflict: true });
  }
  const demoMembers = new Set<string>(DEMO_ACCOUNTS.map((a) => a.memberId));
  for (const person of DEMO_PEOPLE) {
    if (!demoMembers.has(person.memberId)) {
      await bureauAdmin.send('POST', `/api/v1/bureaus/${b}/accounts`, { username: person.memberId, password: demoPassword, memberId: person.memberId, roles: person.roles }, { tolerateConflict: true });
    }
  }
  const usernameOf = (memberId: string) => DEMO_ACCOUNTS.find((a) => a.memberId === memberId)?.username ?? memberId;
  const sessions = new Map<string, ApiClient>();
  const as = async (memberId: string) => {
    if (!sessions.has(memberId)) sessions.set(memberId, await ApiClient.login(url, usernameOf(memberId), demoPassword));
    return sessions.get(memberId)!;
  };
  // The review service learns the directory from the bus; wait until it knows the secretaries.
  for (const [branchId, secretary] of Object.entries(BRANCH_SECRETARIES)) {
    await until(() => as(secretary).then((s) => s.send<{ members: number }>('GET', `/api/v1/reviews/branches/${branchId}/progress?year=${DEMO_YEAR}`)), (p) => p.members > 0, `the review service learning ${branchId}`);
  }

  const meetingOf = (branchId: string) => ({ date: notAfterToday(`${DEMO_YEAR}-03-0${branchId === 'branch-1' ? 5 : 6}`), attendees: DEMO_PEOPLE.filter((p) => branchOf(p) === branchId).slice(0, 8).map((p) => p.memberId) });
  const reviewOf = async (pledgeId: string, reader: string, wanted: (status: string) => boolean) =>
    until(() => as(reader).then((s) => s.send<{ status: string; round: number }>('GET', `/api/v1/reviews/${pledgeId}`)), (r) => wanted(r.status), `review of ${pledgeId}`);

  const toPublish: Array<{ pledgeId: string; memberId: string; branchId: string }> = [];
  const toApproveLater: Array<{ pledgeId: string; branchId: string }> = [];
  const pledgers = DEMO_PEOPLE.filter((_p, i) => i % 4 !== 3);
  for (const [i, person] of pledgers.entries()) {
    const plan: Plan = PLANS[i % PLANS.length]!;
    const me = await as(person.memberId);
    const drafted = await me.send<{ pledgeId: string } | undefined>('POST', '/api/v1/pledges', { year: DEMO_YEAR, pledger: { type: 'individual', memberIds: [person.memberId] }, items: demoItems(i) }, { tolerateConflict: true });
    if (!drafted) continue;
    const { pledgeId } = drafted;
    if (plan === 'draft') continue;
    await me.send('POST', `/api/v1/pledges/${pledgeId}/submit`);
    if (plan === 'withdrawn') {
      await me.send('POST', `/api/v1/pledges/${pledgeId}/withdraw`, { reason: '调岗后重新拟定承诺' });
      continue;
    }
    if (plan === 'submitted') continue;
    const branchId = branchOf(person);
    const secretary = BRANCH_SECRETARIES[branchId]!;
    const opened = await reviewOf(pledgeId, secretary, (s) => s === 'group' || s === 'branch');
    if (opened.status === 'group') {
      const leader = await as(GROUP_LEADERS[person.groupId]!);
      await me.send('POST', `/api/v1/reviews/${pledgeId}/comments`, { text: '请小组同志帮我看看岗位目标是否定得合适' });
      if (plan === 'group-returned') {
        await leader.send('POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'return', evaluation: '小组讨论后建议修改', notes: [{ itemNo: 2, note: '岗位目标请对照全省先进写明名次' }] });
        continue;
      }
      await leader.send('POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '小组讨论认为承诺符合岗位实际，同意提交支部' });
    } else if (plan === 'group-returned') {
      continue; // staff outside a group: nothing for a group to return; it waits at the branch
    }
    if (plan === 'at-branch') continue;
    const verdicts =
      plan === 'returned'
        ? [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'revise', reason: '目标需可考核，请量化' }, { itemNo: 3, verdict: 'approved' }]
        : [1, 2, 3].map((itemNo) => ({ itemNo, verdict: 'approved' }));
    if (plan === 'approved') {
      toApproveLater.push({ pledgeId, branchId });
      continue;
    }
    await (await as(secretary)).send('POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting: meetingOf(branchId), verdicts });
    if (plan === 'published') toPublish.push({ pledgeId, memberId: person.memberId, branchId });
  }

  // Each branch publishes its approved books as one act; books approved later wait for the next act.
  for (const branchId of new Set(toPublish.map((p) => p.branchId))) {
    const secretary = await as(BRANCH_SECRETARIES[branchId]!);
    await until(() => secretary.send<{ approved: number }>('GET', `/api/v1/reviews/branches/${branchId}/progress?year=${DEMO_YEAR}`), (p) => p.approved >= toPublish.filter((x) => x.branchId === branchId).length, `approvals in ${branchId}`);
    await secretary.send('POST', `/api/v1/reviews/branches/${branchId}/publications`, { year: DEMO_YEAR }).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    });
  }
  for (const { pledgeId, branchId } of toApproveLater) {
    await (await as(BRANCH_SECRETARIES[branchId]!)).send('POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting: meetingOf(branchId), verdicts: [1, 2, 3].map((itemNo) => ({ itemNo, verdict: 'approved' })) });
  }
  // Deeds on the published books: people aided and amounts, as the branch board totals them.
  for (const [n, { pledgeId, memberId }] of toPublish.entries()) {
    const me = await as(memberId);
    await until(() => me.send<{ status: string }>('GET', `/api/v1/pledges/${pledgeId}`), (p) => p.status === 'published', `publication of ${pledgeId}`);
    for (const [k, deed] of DEEDS.slice(0, 1 + (n % DEEDS.length)).entries()) {
      await me.send('POST', `/api/v1/pledges/${pledgeId}/progress`, { itemNo: 3, recordedOn: notAfterToday(`${DEMO_YEAR}-0${4 + k}-1${n % 10}`), ...deed });
    }
  }

  // A paired book and the leadership team's collective book (decided by the leading party group).
  const tang = await as('tang-li');
  const pair = await tang.send<{ pledgeId: string } | undefined>(
    'POST',
    '/api/v1/pledges',
    { year: DEMO_YEAR, pledger: { type: 'paired', memberIds: ['tang-li', 'xu-fang'] }, items: demoItems(7).filter((item) => item.kind === 'deed') },
    { tolerateConflict: true },
  );
  if (pair) await tang.send('POST', `/api/v1/pledges/${pair.pledgeId}/submit`);
  const leading = await as('zhou-jianguo');
  const team = await leading.send<{ pledgeId: string } | undefined>(
    'POST',
    '/api/v1/pledges',
    { year: DEMO_YEAR, pledger: { type: 'collective', orgUnitId: 'leadership-team' }, items: demoItems(2).filter((item) => item.kind !== 'common') },
    { tolerateConflict: true },
  );
  if (team) {
    await leading.send('POST', `/api/v1/pledges/${team.pledgeId}/submit`);
    await reviewOf(team.pledgeId, 'zhou-jianguo', (s) => s === 'branch');
    await leading.send('POST', `/api/v1/reviews/${team.pledgeId}/branch-decision`, { meeting: { date: notAfterToday(`${DEMO_YEAR}-02-20`), attendees: ['zhou-jianguo', 'liu-hongmei', 'chen-zhiqiang'] }, verdicts: [{ itemNo: 1, verdict: 'approved' }, { itemNo: 2, verdict: 'approved' }] });
  }

  // Last year's books, entered late (the bureau admin opens the past year for them), published
  // and then closed with the year. Once closed, a run again finds the year closed and skips them.
  const lastYear = DEMO_YEAR - 1;
  await bureauAdmin.send('POST', `/api/v1/bureaus/${b}/years`, { year: lastYear }, { tolerateConflict: true });
  // Members without a review office of their own: nobody reviews their own book, so these go group → branch.
  const veterans = DEMO_PEOPLE.filter((p) => p.groupId === 'group-1' && p.partyStatus === 'full' && !p.roles.some((r) => r === 'group-leader' || r === 'branch-secretary')).slice(0, 3);
  const lastYearBooks: Array<{ pledgeId: string; memberId: string }> = [];
  for (const [i, person] of veterans.entries()) {
    const me = await as(person.memberId);
    const drafted = await me.send<{ pledgeId: string } | undefined>('POST', '/api/v1/pledges', { year: lastYear, pledger: { type: 'individual', memberIds: [person.memberId] }, items: demoItems(i + 3) }, { tolerateConflict: true });
    if (!drafted) continue;
    await me.send('POST', `/api/v1/pledges/${drafted.pledgeId}/submit`);
    await reviewOf(drafted.pledgeId, 'wang-xiaodong', (s) => s === 'group');
    await (await as('zhao-jingang')).send('POST', `/api/v1/reviews/${drafted.pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '同意提交支部' });
    await (await as('wang-xiaodong')).send('POST', `/api/v1/reviews/${drafted.pledgeId}/branch-decision`, { meeting: { date: `${lastYear}-03-05`, attendees: ['wang-xiaodong', 'zhao-jingang', ...veterans.map((v) => v.memberId)] }, verdicts: [1, 2, 3].map((itemNo) => ({ itemNo, verdict: 'approved' })) });
    lastYearBooks.push({ pledgeId: drafted.pledgeId, memberId: person.memberId });
  }
  if (lastYearBooks.length) {
    const secretary = await as('wang-xiaodong');
    await until(() => secretary.send<{ approved: number }>('GET', `/api/v1/reviews/branches/branch-1/progress?year=${lastYear}`), (p) => p.approved >= lastYearBooks.length, 'last year’s approvals');
    await secretary.send('POST', '/api/v1/reviews/branches/branch-1/publications', { year: lastYear });
    for (const { pledgeId, memberId } of lastYearBooks) {
      const me = await as(memberId);
      await until(() => me.send<{ status: string }>('GET', `/api/v1/pledges/${pledgeId}`), (p) => p.status === 'published', `publication of ${pledgeId}`);
      await me.send('POST', `/api/v1/pledges/${pledgeId}/progress`, { itemNo: 3, recordedOn: `${lastYear}-09-15`, ...DEEDS[0]! });
    }
    await bureauAdmin.send('POST', `/api/v1/bureaus/${b}/years/${lastYear}/close`);
  }
  await (require('./demo-appraisal') as typeof import('./demo-appraisal')).loadDemoAppraisal({ gatewayUrl: url, admin: bureauAdmin, as, log });
  await (require('./demo-rewards') as typeof import('./demo-rewards')).loadDemoRewards({ admin: bureauAdmin, as, log });
  // What the books look like now, as the pledge service lists them.
  const counts: Record<string, number> = {};
  for (const year of [lastYear, DEMO_YEAR]) {
    const { items } = await bureauAdmin.send<{ items: { status: string }[] }>('GET', `/api/v1/pledges?year=${year}&limit=200`);
    for (const { status } of items) counts[status] = (counts[status] ?? 0) + 1;
  }
  log(`pledge books: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}`);
  if (options.forcePasswordChange !== false) {
    // The same password, now an initial one: each person sets their own at first sign-in.
    const usernames = [...DEMO_ACCOUNTS.filter((a) => a !== admin).map((a) => a.username), ...DEMO_PEOPLE.filter((p) => !demoMembers.has(p.memberId)).map((p) => p.memberId)];
    for (const username of usernames) await bureauAdmin.send('POST', `/api/v1/bureaus/${b}/accounts/${username}/password-reset`, { password: demoPassword });
    await root.send('POST', `/api/v1/bureaus/${b}/accounts/${admin.username}/password-reset`, { password: demoPassword });
    log(`accounts: ${usernames.length + 1} with the shared initial password, each to be changed at first sign-in`);
  }
  return { members: DEMO_PEOPLE.length, pledgesByStatus: counts };
}
