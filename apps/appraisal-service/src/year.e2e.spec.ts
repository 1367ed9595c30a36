// A whole programme year across processes: the pledge, review and appraisal services on one data
// directory. Two bureaus import the same directory and go through the same year as users would —
// books drafted, reviewed and published, deeds recorded, the scheme, monthly checks, a dispatch
// and its talk, the H1 round with its democratic evaluation, notice, an upheld objection, the
// rescore and the renewed notice, final results. In the second bureau the appraisal service is
// SIGKILLed while the round is being scored: its final results equal the first bureau's, and an
// outside consumer group sees exactly one result-finalized per member. Then the year is closed at
// the pledge service, and the H2 round still opens with every member, from their closed books.
import { Topics, type CloudEvent } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import { EXAMPLE_SCHEME } from '@pledgebook/appraisal-domain';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appraisalCaller, eventually, H1_MONTHS, moveClockOn, must, startAppraisal, TODAY, YEAR } from './testing/world';

const BUREAUS = ['weihai', 'rongcheng'] as const;
type Bureau = (typeof BUREAUS)[number];
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-year-'));
let pledge: Harness;
let review: Harness;
let appraisal: Harness;
/** Per bureau: callers of the pledge and review services, and of the appraisal service. */
const users = {} as Record<Bureau, Record<string, Caller>>;
const appraisers = {} as Record<Bureau, Record<string, Caller>>;
const books = {} as Record<Bureau, Record<string, string>>;

const DIRECTORY_CSV = [
  'record,key,name,type,parent,partyStatus,branch,group,department,roles',
  'unit,branch-1,机关第一党支部,party-branch,,,,,,',
  'unit,group-1,综合党小组,party-group,branch-1,,,,,',
  'unit,group-2,人口就业党小组,party-group,branch-1,,,,,',
  'member,sun,孙丽,,,full,,group-1,,member;branch-secretary',
  'member,zhao,赵金刚,,,full,,group-1,,member;group-leader',
  'member,wang,王晓东,,,full,,group-1,,member',
  'member,zhou,周敏,,,probationary,,group-1,,member',
  'member,gao,高鹏,,,full,,group-2,,member;group-leader',
  'member,wu,吴静,,,full,,group-2,,member',
  'member,ma,马琳,,,full,,group-2,,member',
  'member,li,李海明,,,full,,group-2,,member;appraisal-office',
  'member,qian,钱进,,,full,,group-2,,member;appraisal-office',
  'member,lead,刘红梅,,,full,branch-1,,,member;leading-group',
].join('\n');
const ROLES: Record<string, string[]> = { sun: ['member', 'branch-secretary'], zhao: ['member', 'group-leader'], wang: ['member'], zhou: ['member'], gao: ['member', 'group-leader'], wu: ['member'], ma: ['member'], li: ['member', 'appraisal-office'], qian: ['member', 'appraisal-office'], lead: ['member', 'leading-group'] };
const SUBJECTS = ['li', 'ma', 'wang', 'wu', 'zhou'];
const LEADER: Record<string, string> = { wang: 'zhao', zhou: 'zhao', wu: 'gao', ma: 'gao', li: 'gao' };
const items = [
  { kind: 'common', area: 'theory-study', text: '每月精读一本理论著作', target: '全年12篇心得' },
  { kind: 'position', text: '把人口抽样调查做到全省一流', target: '数据质量考核全省前三', benchmark: true, dueQuarter: 4 },
  { kind: 'deed', category: 'student-aid', text: '资助一名困难学生完成学业', target: '全年2000元', dueQuarter: 2 },
];
/** zhou falls behind on the position item in the first quarter; deeds are done once their quarter has begun. */
const statusOf = (memberId: string, itemNo: number, month: string) => {
  const m = Number(month.slice(5, 7));
  if (memberId === 'zhou' && itemNo === 2 && m >= 2 && m <= 3) return 'behind';
  if (itemNo === 3) return m >= 4 ? 'done' : m === 1 ? 'not-started' : 'on-track';
  return 'on-track';
};

const p = (b: Bureau, who: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => (path.startsWith('/api/v1/reviews') ? review : pledge).call(users[b][who], method, path, body, headers);
const a = (b: Bureau, who: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => appraisal.call(appraisers[b][who], method, path, body, headers);
/** How many events of each type the bureau's H1 round stream holds. */
function roundEventTypes(b: Bureau): Record<string, number> {
  const db = new Database(join(dataDir, 'eventstore.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT type, count(*) AS n FROM events WHERE stream = ? GROUP BY type').all(`appraisal-round-${b}.${YEAR}.H1`) as Array<{ type: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  } finally {
    db.close();
  }
}
const base = (b: Bureau) => `/api/v1/appraisals/bureaus/${b}`;
const round = (b: Bureau) => `${base(b)}/rounds/${YEAR}/H1`;

beforeAll(async () => {
  pledge = await startServiceProcess(join(__dirname, '..', '..', 'pledge-service', 'src', 'main.ts'), { dataDir });
  review = await startServiceProcess(join(__dirname, '..', '..', 'review-service', 'src', 'main.ts'), { dataDir, trustTestKey: false });
  appraisal = await startAppraisal(join(__dirname, 'testing', 'shifted-clock.main.ts'), dataDir);
  const root = await pledge.as({ sub: 'root', bureauId: 'system', roles: ['system-admin'] });
  await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'shandong', name: '山东省统计局', level: 'province' }));
  for (const [b, name] of [['weihai', '威海市统计局'], ['rongcheng', '荣成市统计局']] as const) {
    await must(pledge.call(root, 'POST', '/api/v1/bureaus', { bureauId: b, name, level: 'city', parentBureauId: 'shandong' }));
    users[b] = { admin: await pledge.as({ sub: 'admin', bureauId: b, roles: ['bureau-admin'] }) };
    appraisers[b] = {};
    for (const [sub, roles] of Object.entries(ROLES)) {
      users[b][sub] = await pledge.as({ sub, bureauId: b, roles });
      appraisers[b][sub] = await appraisalCaller(pledge, sub, b, roles);
    }
    await must(p(b, 'admin', 'POST', `/api/v1/bureaus/${b}/directory/import`, DIRECTORY_CSV, { 'content-type': 'text/csv' }));
    if (YEAR < Number(TODAY.slice(0, 4))) await must(p(b, 'admin', 'POST', `/api/v1/bureaus/${b}/years`, { year: YEAR }));
    await must(p(b, 'admin', 'PUT', `/api/v1/bureaus/${b}/appraisal-office/${YEAR}`, { staff: [{ memberId: 'qian', duty: '考核办主任' }, { memberId: 'li', duty: '考核办成员' }] }));
  }
}, 180_000);

afterAll(async () => {
  await appraisal?.close();
  await review?.close();
  await pledge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a programme year in two bureaus', () => {
  it('drafts, reviews and publishes the books, and records deeds, as users would', async () => {
    for (const b of BUREAUS) {
      books[b] = {};
      for (const memberId of SUBJECTS) {
        const drafted = await must(p(b, memberId, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: [memberId] }, items }));
        books[b][memberId] = drafted.body.pledgeId;
        await must(p(b, memberId, 'POST', `/api/v1/pledges/${drafted.body.pledgeId}/submit`));
      }
      for (const memberId of SUBJECTS) {
        const pledgeId = books[b][memberId]!;
        await eventually(() => p(b, LEADER[memberId]!, 'GET', `/api/v1/reviews/${pledgeId}`), (r) => r.body?.status === 'group');
        await must(p(b, LEADER[memberId]!, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '同意提交支部' }));
        await must(p(b, 'sun', 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting: { date: TODAY, attendees: ['sun', 'zhao', 'gao'] }, verdicts: items.map((_, i) => ({ itemNo: i + 1, verdict: 'approved' })) }));
      }
      await eventually(() => p(b, 'sun', 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${YEAR}`), (r) => r.body?.approved === SUBJECTS.length);
      await must(p(b, 'sun', 'POST', '/api/v1/reviews/branches/branch-1/publications', { year: YEAR }));
      for (const memberId of SUBJECTS) {
        await eventually(() => p(b, memberId, 'GET', `/api/v1/pledges/${books[b][memberId]}`), (r) => r.body?.status === 'published');
        await must(p(b, memberId, 'POST', `/api/v1/pledges/${books[b][memberId]}/progress`, { itemNo: 3, recordedOn: `${YEAR}-03-15`, narrative: '走访资助学生家庭，送去助学金', peopleAided: 1, amountFen: 50_000 }));
      }
    }
  }, 240_000);

  it('publishes the scheme, records the half year’s monthly checks, holds the dispatch and its talk', async () => {
    for (const b of BUREAUS) {
      await eventually(() => a(b, 'zhao', 'GET', `${base(b)}/groups/group-1/checks/${YEAR}-01/roster`), (r) => r.body?.members?.length === 2);
      await eventually(() => a(b, 'gao', 'GET', `${base(b)}/groups/group-2/checks/${YEAR}-01/roster`), (r) => r.body?.members?.length === 3);
      const v1 = `${base(b)}/schemes/${YEAR}/versions/1`;
      await must(a(b, 'qian', 'POST', `${base(b)}/schemes/${YEAR}/versions`, { content: EXAMPLE_SCHEME }));
      await must(a(b, 'qian', 'POST', `${v1}/submit`));
      await must(a(b, 'lead', 'POST', `${v1}/approve`));
      await must(a(b, 'qian', 'POST', `${v1}/publish`));
      for (const month of H1_MONTHS) {
        for (const [leader, groupId] of [['zhao', 'group-1'], ['gao', 'group-2']] as const) {
          const roster = await must(a(b, leader, 'GET', `${base(b)}/groups/${groupId}/checks/${month}/roster`));
          const entries = roster.body.members.map((m: { memberId: string; items: Array<{ pledgeId: string; itemNo: number }> }) => ({
            memberId: m.memberId,
            note: m.memberId === 'zhou' && month <= `${YEAR}-03` ? '岗位目标进度滞后' : '按计划推进',
            items: m.items.map((i) => ({ pledgeId: i.pledgeId, itemNo: i.itemNo, status: statusOf(m.memberId, i.itemNo, month) })),
          }));
          await must(a(b, leader, 'POST', `${base(b)}/groups/${groupId}/checks/${month}`, { entries }));
        }
      }
      const dispatch = await must(a(b, 'sun', 'POST', `${base(b)}/branches/branch-1/dispatches/${YEAR}/1`, { meeting: { date: `${YEAR}-04-08`, attendees: ['sun', 'zhao', 'gao'] } }));
      expect(dispatch.body.talksDue.map((t: { memberId: string }) => t.memberId)).toEqual(['zhou']);
      const due = await eventually(() => a(b, 'sun', 'GET', `${base(b)}/talks?branchId=branch-1`), (r) => r.body?.items?.length === 1);
      await must(
        a(b, 'sun', 'POST', `${base(b)}/talks/${due.body.items[0].talkId}/record`, {
          heldOn: `${YEAR}-04-15`,
          talkedBy: ['sun', 'zhao'],
          notes: { analysis: '调研任务集中，岗位目标推进滞后', agreedActions: ['每两周向小组汇报进度'] },
          followUpOn: `${YEAR}-05-15`,
        }),
      );
    }
  }, 240_000);

  it('opens the H1 round and scores it — in the second bureau the service is killed while scoring', async () => {
    for (const b of BUREAUS) await must(a(b, 'qian', 'POST', `${base(b)}/rounds`, { year: YEAR, half: 'H1', schemeVersion: 1 }));
    const scoring = (b: Bureau) => [
      () => a(b, 'qian', 'POST', `${round(b)}/computed-scores`, undefined, { 'idempotency-key': `${b}-computed` }),
      ...SUBJECTS.flatMap((memberId) =>
        (['group', 'distinct'] as const).map((criterion) => () => a(b, 'qian', 'PUT', `${round(b)}/members/${memberId}/scores/${criterion}`, { points: criterion === 'group' ? (memberId === 'zhou' ? 10 : 14) : 3, note: '小组评价' }, { 'idempotency-key': `${b}-${memberId}-${criterion}` })),
      ),
    ];
    for (const request of scoring('weihai')) await must(request());

    // The same requests at once, and the process SIGKILLed in the middle of them.
    const inflight = scoring('rongcheng').map((request) => request().then((r) => r.status, () => 'no answer'));
    await new Promise((r) => setTimeout(r, 25));
    await appraisal.kill();
    const answers = await Promise.all(inflight);
    expect(answers).toContain('no answer');
    await appraisal.restart();
    // The client retries each request with its key: what was appended is not appended again.
    for (const request of scoring('rongcheng')) await eventually(request, (r) => r.status < 300, 40_000);
    // Nothing lost, nothing doubled: the round's stream holds the same events as the bureau never killed.
    expect(roundEventTypes('rongcheng')).toEqual(roundEventTypes('weihai'));
    expect(roundEventTypes('weihai')).toEqual({ RoundOpened: 1, ComputedScoresRecorded: 1, EnteredScoreRecorded: 2 * SUBJECTS.length });

    for (const b of BUREAUS) {
      const explained = await must(a(b, 'qian', 'GET', `${round(b)}/members/wang/explanation`));
      const deeds = explained.body.sheet.criteria.find((c: { criterionId: string }) => c.criterionId === 'deeds');
      const history = await must(p(b, 'wang', 'GET', `/api/v1/pledges/${books[b].wang}/history`));
      const recorded = history.body.items.find((e: { type: string }) => e.type === 'ProgressRecorded').eventId;
      expect(deeds).toMatchObject({ points: 5, inputs: { deeds: 1 }, sourceEventIds: [recorded] });
      expect(explained.body.sheet.criteria.find((c: { criterionId: string }) => c.criterionId === 'checks').sourceEventIds.length).toBeGreaterThanOrEqual(6);
    }
  }, 180_000);

  it('collects the democratic evaluation, posts the notice, upholds an objection, rescores and renews the notice', async () => {
    for (const b of BUREAUS) {
      for (const memberId of SUBJECTS) await must(a(b, memberId, 'POST', `${round(b)}/self-assessment`, { rating: 'good' }));
      const votes = (good: number, fair: number) => ({ good, fair, average: 0, poor: 0 });
      await must(a(b, 'qian', 'POST', `${round(b)}/peer-tallies`, { groupId: 'group-1', tallies: [{ memberId: 'wang', counts: votes(3, 0) }, { memberId: 'zhou', counts: votes(1, 2) }] }));
      await must(a(b, 'qian', 'POST', `${round(b)}/peer-tallies`, { groupId: 'group-2', tallies: ['li', 'ma', 'wu'].map((memberId) => ({ memberId, counts: votes(3, 1) })) }));
      const { codes } = (await must(a(b, 'qian', 'POST', `${round(b)}/ballot-codes`, { count: 3 }))).body;
      for (const code of codes) await must(appraisal.call(undefined, 'POST', '/api/v1/appraisals/ballots', { bureauId: b, code, ratings: SUBJECTS.map((memberId) => ({ memberId, rating: memberId === 'ma' ? 'fair' : 'good' })) }));
      await must(a(b, 'qian', 'POST', `${round(b)}/masses-tally`));
      await must(a(b, 'qian', 'POST', `${round(b)}/notice`, { workingDays: 1 }));
      const { objectionId } = (await must(a(b, 'wu', 'POST', `${round(b)}/objections`, { memberId: 'wang', text: '组织评价与平时表现不符' }))).body;
      await must(a(b, 'li', 'POST', `${round(b)}/objections/${objectionId}/uphold`, { reason: '经复核，组织评价下调' }));
      await must(a(b, 'qian', 'POST', `${round(b)}/computed-scores`));
      await must(a(b, 'qian', 'PUT', `${round(b)}/members/wang/scores/group`, { points: 12, note: '复核后调整' }));
      const renewed = await must(a(b, 'qian', 'POST', `${round(b)}/renewed-notice`, { workingDays: 1 }));
      expect(renewed.body.status).toBe('on-notice');
      const notice = await must(a(b, 'ma', 'GET', `${round(b)}/notice`));
      expect(notice.body).toContain('重新公示');
      expect(notice.body).not.toContain('组织评价与平时表现不符');
    }
  }, 120_000);

  it('finalizes once the notice is over; the results equal; an outside consumer group sees one result-finalized per member', async () => {
    const outside = await openMessageBus(`sqlite:${join(dataDir, 'bus.db')}`);
    const seen: CloudEvent[] = [];
    const consumer = await outside.consume({ groupId: 'outside-integrator', topics: [Topics.appraisal] }, async (messages) => {
      seen.push(...messages.map((m) => m.value));
    });
    try {
      await moveClockOn(appraisal, 4);
      const results = {} as Record<Bureau, Reply>;
      for (const b of BUREAUS) {
        await eventually(() => a(b, 'ma', 'GET', round(b)), (r) => r.body?.status === 'final', 60_000);
        results[b] = await eventually(() => a(b, 'ma', 'GET', `${round(b)}/results`), (r) => r.body.byGrade?.reduce((n: number, g: { members: Array<{ status: string }> }) => n + g.members.filter((m) => m.status === 'final').length, 0) === SUBJECTS.length);
      }
      const table = (b: Bureau) => results[b].body.byGrade.flatMap((g: { members: Array<{ memberId: string; points: number; grade: string }> }) => g.members.map((m) => [m.memberId, m.points, m.grade])).sort();
      expect(table('rongcheng')).toEqual(table('weihai'));
      expect(table('weihai')).toHaveLength(SUBJECTS.length);

      const finalized = () => [...new Map(seen.filter((e) => e.type === 'pledgebook.appraisal.result-finalized.v1').map((e) => [e.id, e])).values()];
      await eventually(async () => ({ status: 200, headers: new Headers(), body: finalized().length }), (r) => r.body === 2 * SUBJECTS.length);
      for (const b of BUREAUS) {
        const mine = finalized().filter((e) => e.bureauid === b).map((e) => (e.data as { memberId: string }).memberId);
        expect(mine.sort()).toEqual(SUBJECTS);
      }
      expect(JSON.stringify(seen)).not.toMatch(/组织评价与平时表现不符|岗位目标推进滞后|objector/);
    } finally {
      await consumer.stop();
      await outside.close();
    }
  }, 120_000);

  it('closes the year at the pledge service; the H2 round still appraises every member, from their closed books', async () => {
    for (const b of BUREAUS) {
      await must(p(b, 'admin', 'POST', `/api/v1/bureaus/${b}/years/${YEAR}/close`));
      for (const memberId of SUBJECTS) await eventually(() => p(b, memberId, 'GET', `/api/v1/pledges/${books[b][memberId]}`), (r) => r.body?.status === 'closed');
      // The appraisal service's copy of the books says closed (facts taken in from the bus, then its books view).
      for (const memberId of SUBJECTS) await eventually(async () => ({ status: 200, headers: new Headers(), body: closedInAppraisalViews(books[b][memberId]!) }), (r) => r.body === true, 60_000);
    }
    // The H2 round opens from the first day of the half's last month: the service's clock is moved there (and never back).
    const untilDecember = Math.ceil((Date.parse(`${YEAR}-12-01T00:00:00+08:00`) - Date.now()) / 86_400_000);
    await moveClockOn(appraisal, Math.max(4, untilDecember + 1));
    for (const b of BUREAUS) {
      const opened = await must(a(b, 'qian', 'POST', `${base(b)}/rounds`, { year: YEAR, half: 'H2', schemeVersion: 1 }));
      expect(opened.status).toBe(201);
      const h2 = await must(a(b, 'qian', 'GET', `${base(b)}/rounds/${YEAR}/H2`));
      expect(h2.body.subjects.map((s: { memberId: string }) => s.memberId).sort()).toEqual(SUBJECTS);
      const subjects = roundOpenedSubjects(b, 'H2');
      expect(subjects.flatMap((s) => s.books.map((book) => book.status))).toEqual(SUBJECTS.map(() => 'closed'));
      // Scoring reads the closed books' items and records as it read the published ones.
      await must(a(b, 'qian', 'POST', `${base(b)}/rounds/${YEAR}/H2/computed-scores`));
      const explained = await must(a(b, 'qian', 'GET', `${base(b)}/rounds/${YEAR}/H2/members/wang/explanation`));
      expect(explained.body.sheet.criteria.find((c: { criterionId: string }) => c.criterionId === 'items').inputs.items).toBe(items.length);
    }
  }, 180_000);
});

/** Whether the appraisal service's books view holds this book as closed (read from its read-model file). */
function closedInAppraisalViews(pledgeId: string): boolean {
  const db = new Database(join(dataDir, 'appraisal-views.db'), { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c_books__g*'`).all() as Array<{ name: string }>).map((t) => t.name);
    return tables.some((t) => (db.prepare(`SELECT doc FROM "${t}" WHERE id = ?`).get(pledgeId) as { doc: string } | undefined)?.doc.includes('"status":"closed"') ?? false);
  } finally {
    db.close();
  }
}

/** The subjects a bureau's round was opened with, as its RoundOpened event recorded them. */
function roundOpenedSubjects(b: Bureau, half: 'H1' | 'H2'): Array<{ memberId: string; books: Array<{ status: string }> }> {
  const db = new Database(join(dataDir, 'eventstore.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT data FROM events WHERE stream = ? AND type = 'RoundOpened'`).get(`appraisal-round-${b}.${YEAR}.${half}`) as { data: string };
    return JSON.parse(row.data).subjects;
  } finally {
    db.close();
  }
}
