import { startServiceProcess, type Caller, type Reply } from '@pledgebook/nest/testing';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { today, YEAR } from '../../apps/pledge-service/src/testing/fixtures';
import { latencyRow, percentile, type BenchRow } from '../lib/measure';

const BUREAUS = 60;
const MEMBERS = 50;
const GROUPS = 5;
const CLIENTS = 8;
const BLOCKS = 6;
const PER_BLOCK = 100;
const LOADERS = 8;

/** Where each member's book ends up, in turn: most are published with a deed, the rest stop on the way. */
const PLANS = ['published', 'published', 'draft', 'published', 'submitted', 'published', 'at-branch', 'published', 'approved', 'published'] as const;
type Plan = (typeof PLANS)[number];

interface Member {
  bureauId: string;
  memberId: string;
  groupId: string;
  branchId: string;
  roles: string[];
  plan: Plan;
}
interface Bureau {
  bureauId: string;
  members: Member[];
  leaders: Record<string, string>;
  secretaries: Record<string, string>;
}

const branchOfGroup = (g: number) => (g < 3 ? 1 : 2);

/** Bureau `k`: two branches, five groups of ten; every key carries the bureau's prefix, so bureaus never share ids. */
function bureauOf(k: number): Bureau {
  const bureauId = `city-${String(k).padStart(2, '0')}`;
  const p = `c${String(k).padStart(2, '0')}`;
  const members: Member[] = [];
  const leaders: Record<string, string> = {};
  const secretaries: Record<string, string> = {};
  for (let i = 0; i < MEMBERS; i++) {
    const g = i % GROUPS;
    const groupId = `${p}-group-${g + 1}`;
    const branchId = `${p}-branch-${branchOfGroup(g)}`;
    const memberId = `${p}-m${String(i).padStart(2, '0')}`;
    const roles = ['member'];
    if (i < GROUPS) {
      roles.push('group-leader');
      leaders[groupId] = memberId;
    }
    // The secretaries: one member of group 1 (branch 1) and one of group 4 (branch 2).
    if (i === GROUPS || i === GROUPS + 3) {
      roles.push('branch-secretary');
      secretaries[branchId] = memberId;
    }
    // Officers' own books stop at submission: who reviews them is not what this bench measures.
    members.push({ bureauId, memberId, groupId, branchId, roles, plan: roles.length > 1 ? 'submitted' : PLANS[i % PLANS.length]! });
  }
  return { bureauId, members, leaders, secretaries };
}

function directoryCsv(b: Bureau): string {
  const p = b.bureauId.replace('city-', 'c');
  const rows = ['record,key,name,type,parent,partyStatus,branch,group,department,roles'];
  rows.push(`unit,${p}-branch-1,機關第一黨支部,party-branch,,,,,,`, `unit,${p}-branch-2,機關第二黨支部,party-branch,,,,,,`, `unit,${p}-dept-1,綜合統計科,department,,,,,,`);
  for (let g = 0; g < GROUPS; g++) rows.push(`unit,${p}-group-${g + 1},第${g + 1}黨小組,party-group,${p}-branch-${branchOfGroup(g)},,,,,`);
  for (const [i, m] of b.members.entries()) rows.push(`member,${m.memberId},黨員${i}號,,,full,,${m.groupId},${p}-dept-1,${m.roles.join(';')}`);
  return `${rows.join('\n')}\n`;
}

const items = (seed: number) => [
  { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作，撰寫學習心得', target: '全年12篇心得' },
  { kind: 'position', text: '把人口抽樣調查做到全省一流', target: '數據質量全省前三', benchmark: true },
  { kind: 'deed', category: 'student-aid', text: `資助第${seed}名家庭困難學生完成學業`, target: '全年不少於4次', beneficiary: { type: 'school', name: '環翠區望島小學', arrangedByBranch: seed % 2 === 0 } },
];

async function concurrently<T>(workers: number, jobs: T[], run: (job: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < jobs.length) await run(jobs[next++]!);
  }));
}

async function until(read: () => Promise<Reply>, done: (r: Reply) => boolean, what: string, ms = 120_000): Promise<Reply> {
  const start = performance.now();
  for (;;) {
    const r = await read();
    if (done(r)) return r;
    if (performance.now() - start > ms) throw new Error(`reads bench: ${what} did not happen within ${ms / 1000} s (last: ${r.status} ${JSON.stringify(r.body).slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expect(status: number, r: Reply, what: string): Reply {
  if (r.status !== status) throw new Error(`reads bench: ${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r;
}

/**
 * 60 bureaus × 50 members through a year's first half, loaded over the services' own APIs
 * (directory import, drafts, submissions, group evaluations, branch decisions, publication acts,
 * deeds), then three list reads through the gateway with 8 clients: a branch's board, a member's
 * pledges, and the first page of the pledge list as a plain member sees it. Baseline: a read by id
 * (GET /api/v1/pledges/{id}) in the same blocks.
 */
export async function readsBench(): Promise<BenchRow[]> {
  const apps = join(__dirname, '..', '..', 'apps');
  const pledge = await startServiceProcess(join(apps, 'pledge-service', 'src', 'main.ts'), { env: { LOG_LEVEL: 'warn' } });
  const review = await startServiceProcess(join(apps, 'review-service', 'src', 'main.ts'), { dataDir: pledge.dataDir, trustTestKey: false, env: { LOG_LEVEL: 'warn' } });
  const gateway = await startServiceProcess(join(apps, 'gateway', 'src', 'main.ts'), {
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGE_SERVICE_URL: pledge.baseUrl, REVIEW_SERVICE_URL: review.baseUrl, PLEDGEBOOK_ADMIN_PASSWORD: 'Bench-Admin-Password-1', LOG_LEVEL: 'warn' },
  });
  const callers = new Map<string, Caller>();
  const as = async (m: { bureauId: string; memberId: string; roles: string[] }) => {
    if (!callers.has(m.memberId)) callers.set(m.memberId, await pledge.as({ sub: m.memberId, bureauId: m.bureauId, roles: m.roles }));
    return callers.get(m.memberId)!;
  };
  const officer = (b: Bureau, memberId: string) => as(b.members.find((m) => m.memberId === memberId)!);
  try {
    const loadStart = performance.now();
    const bureaus = Array.from({ length: BUREAUS }, (_, k) => bureauOf(k));
    const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
    await concurrently(LOADERS, bureaus, async (b) => {
      expect(201, await pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: b.bureauId, name: `${b.bureauId}統計局`, level: 'city' }), 'register bureau');
      const admin = await pledge.as({ sub: `${b.bureauId}-admin`, bureauId: b.bureauId, roles: ['bureau-admin'] });
      expect(200, await pledge.call(admin, 'POST', `/api/v1/bureaus/${b.bureauId}/directory/import`, directoryCsv(b), { 'content-type': 'text/csv' }), 'import directory');
    });
    // The review service learns each directory from the bus.
    await concurrently(LOADERS, bureaus, async (b) => {
      for (const [branchId, secretary] of Object.entries(b.secretaries)) {
        const s = await officer(b, secretary);
        await until(() => review.call(s, 'GET', `/api/v1/reviews/branches/${branchId}/progress?year=${YEAR}`), (r) => r.status === 200 && r.body.members > 0, `review service learning ${branchId}`);
      }
    });
    const members = bureaus.flatMap((b) => b.members);
    const books = new Map<string, string>();
    await concurrently(LOADERS, members, async (m) => {
      const me = await as(m);
      const drafted = expect(201, await pledge.call(me, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: [m.memberId] }, items: items(books.size) }), 'draft');
      books.set(m.memberId, drafted.body.pledgeId);
      if (m.plan !== 'draft') expect(200, await pledge.call(me, 'POST', `/api/v1/pledges/${drafted.body.pledgeId}/submit`), 'submit');
    });
    const reviewed = members.filter((m) => m.plan === 'published' || m.plan === 'at-branch' || m.plan === 'approved');
    const bureauOfMember = (m: Member) => bureaus[Number(m.bureauId.slice(5))]!;
    await concurrently(LOADERS, reviewed, async (m) => {
      const b = bureauOfMember(m);
      const leader = await officer(b, b.leaders[m.groupId]!);
      const id = books.get(m.memberId)!;
      await until(() => review.call(leader, 'GET', `/api/v1/reviews/${id}`), (r) => r.status === 200 && r.body.status === 'group', `review of ${id} at the group`);
      expect(200, await review.call(leader, 'POST', `/api/v1/reviews/${id}/group-evaluation`, { decision: 'forward', evaluation: '小組討論認為承諾符合崗位實際，同意提交支部' }), 'group evaluation');
    });
    const meeting = (b: Bureau, branchId: string) => ({ date: today(), attendees: b.members.filter((x) => x.branchId === branchId).slice(0, 8).map((x) => x.memberId) });
    const decide = async (m: Member) => {
      const b = bureauOfMember(m);
      const secretary = await officer(b, b.secretaries[m.branchId]!);
      expect(200, await review.call(secretary, 'POST', `/api/v1/reviews/${books.get(m.memberId)}/branch-decision`, { meeting: meeting(b, m.branchId), verdicts: [1, 2, 3].map((itemNo) => ({ itemNo, verdict: 'approved' })) }), 'branch decision');
    };
    const toPublish = members.filter((m) => m.plan === 'published');
    await concurrently(LOADERS, toPublish, decide);
    const branches = bureaus.flatMap((b) => Object.entries(b.secretaries).map(([branchId, secretary]) => ({ b, branchId, secretary })));
    await concurrently(LOADERS, branches, async ({ b, branchId, secretary }) => {
      const s = await officer(b, secretary);
      const expected = toPublish.filter((m) => m.branchId === branchId).length;
      await until(() => review.call(s, 'GET', `/api/v1/reviews/branches/${branchId}/progress?year=${YEAR}`), (r) => r.status === 200 && r.body.approved >= expected, `approvals in ${branchId}`);
      expect(201, await review.call(s, 'POST', `/api/v1/reviews/branches/${branchId}/publications`, { year: YEAR }), 'publication');
    });
    await concurrently(LOADERS, members.filter((m) => m.plan === 'approved'), decide);
    await concurrently(LOADERS, toPublish, async (m) => {
      const me = await as(m);
      const id = books.get(m.memberId)!;
      await until(() => pledge.call(me, 'GET', `/api/v1/pledges/${id}`), (r) => r.body?.status === 'published', `publication of ${id}`);
      expect(201, await pledge.call(me, 'POST', `/api/v1/pledges/${id}/progress`, { itemNo: 3, recordedOn: today(), narrative: '走訪資助學生家庭，送去學習用品和助學金', peopleAided: 1, amountFen: 50_000 }), 'deed');
    });
    // Every deed in the list view before measuring.
    const last = toPublish[toPublish.length - 1]!;
    await until(() => pledge.call(callers.get(last.memberId), 'GET', `/api/v1/members/${last.memberId}/pledges`), (r) => r.body?.pledges?.[0]?.totals?.records === 1, 'the last deed in the list view');
    const loadSeconds = (performance.now() - loadStart) / 1000;

    // Targets are drawn in turn from every bureau; each read is made by a member of that bureau.
    const plain = members.filter((m) => m.roles.length === 1 && m.plan === 'published');
    const pick = (n: number) => plain[(n * 7919) % plain.length]!;
    const tokenOf = (m: Member) => callers.get(m.memberId)!.token;
    const reads: Record<string, (n: number) => [string, string]> = {
      byId: (n) => [`/api/v1/pledges/${books.get(pick(n).memberId)}`, tokenOf(pick(n))],
      board: (n) => [`/api/v1/org-units/${pick(n).branchId}/board?year=${YEAR}`, tokenOf(pick(n))],
      mine: (n) => [`/api/v1/members/${pick(n).memberId}/pledges`, tokenOf(pick(n))],
      list: (n) => [`/api/v1/pledges?year=${YEAR}&limit=20`, tokenOf(pick(n))],
    };
    const drive = async (read: (n: number) => [string, string], offset: number, count: number): Promise<number[]> => {
      const latencies: number[] = [];
      let issued = 0;
      await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (issued < count) {
          const [path, token] = read(offset + issued++);
          const t = performance.now();
          const response = await fetch(`${gateway.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`reads bench GET ${path}: ${response.status}`);
          latencies.push(performance.now() - t);
        }
      }));
      return latencies;
    };
    for (const read of Object.values(reads)) await drive(read, 0, 40); // warm up every path
    const latencies: Record<string, number[]> = { byId: [], board: [], mine: [], list: [] };
    for (let block = 0; block < BLOCKS; block++) {
      const names = Object.keys(reads);
      const order = block % 2 === 0 ? names : [...names].reverse();
      for (const name of order) latencies[name]!.push(...(await drive(reads[name]!, block * PER_BLOCK, PER_BLOCK)));
    }
    const load = loadavg().map((l) => l.toFixed(2)).join(', ');
    const note = `${BUREAUS} bureaus × ${MEMBERS} members, ${books.size} books (${toPublish.length} published with a deed), loaded over the services' APIs in ${loadSeconds.toFixed(0)} s; ${BLOCKS} alternating blocks of ${PER_BLOCK} requests per read, ${CLIENTS} clients through the gateway; load average after: ${load}`;
    const row = (name: string, what: string, p: 50 | 99) =>
      latencyRow(`reads at ${BUREAUS} bureaus: ${what}, p${p}`, percentile(latencies[name]!, p), percentile(latencies.byId!, p), `GET a pledge by id, p${p}`, undefined, name === 'board' && p === 50 ? note : undefined);
    return [
      row('board', 'a branch’s board', 50),
      row('board', 'a branch’s board', 99),
      row('mine', 'a member’s pledges', 50),
      row('mine', 'a member’s pledges', 99),
      row('list', 'pledge list, first page of 20 (plain member)', 50),
      row('list', 'pledge list, first page of 20 (plain member)', 99),
    ];
  } catch (error) {
    console.error(pledge.output().slice(-2000), review.output().slice(-2000), gateway.output().slice(-1000));
    throw error;
  } finally {
    await gateway.close();
    await review.close();
    await pledge.close();
  }
}

