import { startServiceProcess, type Caller, type Harness, type Reply } from '@pledgebook/nest/testing';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PledgeFacts } from './pledge-facts';

// The programme year as the services see it (China Standard Time): the H1 round can open from
// June 1st, so before June the tests appraise last year's first half.
const LOCAL = new Date(Date.now() + 8 * 3_600_000);
export const TODAY = LOCAL.toISOString().slice(0, 10);
export const YEAR = LOCAL.getUTCMonth() >= 5 ? LOCAL.getUTCFullYear() : LOCAL.getUTCFullYear() - 1;
export const H1_MONTHS = [1, 2, 3, 4, 5, 6].map((m) => `${YEAR}-0${m}`);
/** The month after this one (a month that has not begun). */
export const NEXT_MONTH = (() => {
  const d = new Date(Date.UTC(LOCAL.getUTCFullYear(), LOCAL.getUTCMonth() + 1, 1));
  return d.toISOString().slice(0, 7);
})();

export type Status = 'done' | 'on-track' | 'behind' | 'not-started';

export async function eventually(read: () => Promise<Reply>, check: (r: Reply) => boolean, ms = 30_000): Promise<Reply> {
  const deadline = Date.now() + ms;
  let last = await read();
  while (!check(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  if (!check(last)) throw new Error(`not reached in ${ms} ms: ${last.status} ${JSON.stringify(last.body).slice(0, 800)}`);
  return last;
}

export async function must(call: Promise<Reply>, status = 300): Promise<Reply> {
  const reply = await call;
  if (reply.status >= status) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

/** The appraisal events of a bureau in the store (what it took in from the pledge service aside). */
export function appraisalEvents(dataDir: string, bureauId: string): number {
  const db = new Database(join(dataDir, 'eventstore.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT count(*) AS n FROM events WHERE stream LIKE 'appraisal-%' AND stream NOT LIKE 'appraisal-facts-%' AND stream LIKE ?`).get(`appraisal-%-${bureauId}.%`) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Tokens the appraisal service accepts after its clock moved on by days (it allows a week's lifetime in these tests). */
export async function appraisalCaller(h: Harness, sub: string, bureauId: string, roles: string[]): Promise<Caller> {
  const claims = { sub, bureauId, roles };
  return { claims, token: await h.tokens.sign(claims, { expiresIn: '6d' }) };
}

/** Starts the appraisal service under the test clock, on its own data or a shared one. */
export function startAppraisal(main: string, dataDir?: string): Promise<Harness> {
  return startServiceProcess(main, { env: { AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(7 * 24 * 3600), BALLOT_RATE_LIMIT_PER_MINUTE: '40' }, ...(dataDir ? { dataDir, trustTestKey: false } : {}) });
}

/** Moves the appraisal service's clock on: SIGKILL, then start again reading the offset. */
export async function moveClockOn(h: Harness, days: number): Promise<void> {
  writeFileSync(join(h.dataDir, 'test-clock-offset-ms'), String(days * 86_400_000));
  await h.kill();
  await h.restart();
}

const item = (kind: string, dueQuarter?: number) => ({
  kind,
  ...(kind === 'common' ? { area: 'theory-study' } : {}),
  ...(kind === 'deed' ? { category: 'student-aid' } : {}),
  text: kind === 'deed' ? '资助一名困难学生完成学业' : kind === 'position' ? '把人口抽样调查做到全省一流' : '每月精读一本理论著作',
  target: kind === 'deed' ? '全年2000元' : '全年12篇心得',
  ...(dueQuarter ? { dueQuarter } : {}),
  ...(kind === 'position' ? { benchmark: true } : {}),
});
export const BOOK_ITEMS = (deedQuarter: number) => [item('common'), item('position', 4), item('deed', deedQuarter)];
export const PAIR_ITEMS = [item('deed', 2)];

/** The bureau of these tests: one branch, two party groups, the office, the leading group. */
export const PEOPLE: Record<string, { name: string; groupId?: string; roles: string[]; book?: number }> = {
  wang: { name: '王晓东', groupId: 'group-1', roles: ['member', 'branch-secretary'], book: 2 },
  zhao: { name: '赵金刚', groupId: 'group-1', roles: ['member', 'group-leader'], book: 2 },
  sun: { name: '孙丽', groupId: 'group-1', roles: ['member'], book: 1 },
  zheng: { name: '郑艳', groupId: 'group-1', roles: ['member'], book: 1 },
  gao: { name: '高鹏', groupId: 'group-2', roles: ['member', 'group-leader'], book: 2 },
  wu: { name: '吴静', groupId: 'group-2', roles: ['member'], book: 2 },
  li: { name: '李海明', groupId: 'group-2', roles: ['member', 'appraisal-office'], book: 2 },
  qian: { name: '钱进', groupId: 'group-2', roles: ['member', 'appraisal-office'] },
  zhou: { name: '周建国', roles: ['member', 'leading-group'] },
};

/** The directory, the office and the published books as the pledge service would publish them. */
export async function seedFacts(dataDir: string, bureauId: string, name: string): Promise<void> {
  const facts = new PledgeFacts(bureauId).bureau(name, 'shandong').unit('branch-1', 'party-branch', '机关第一党支部').unit('group-1', 'party-group', '综合党小组', 'branch-1').unit('group-2', 'party-group', '人口就业党小组', 'branch-1');
  for (const [memberId, p] of Object.entries(PEOPLE)) facts.member(memberId, p.name, { ...(p.groupId ? { groupId: p.groupId, branchId: 'branch-1' } : {}), roles: p.roles, joinedOn: TODAY, partyStatus: memberId === 'zheng' ? 'probationary' : 'full' });
  facts.office(YEAR, ['qian', 'li']);
  const publishedAt = `${YEAR}-02-01T02:00:00.000Z`;
  for (const [memberId, p] of Object.entries(PEOPLE)) if (p.book) facts.book(`${bureauId}-p-${memberId}`, YEAR, [memberId], { groupId: p.groupId!, branchId: 'branch-1' }, BOOK_ITEMS(p.book), publishedAt);
  facts.book(`${bureauId}-p-pair`, YEAR, ['sun', 'zheng'], { groupId: 'group-1', branchId: 'branch-1' }, PAIR_ITEMS, publishedAt);
  facts.progress(`${bureauId}-p-sun`, 3, `${YEAR}-03-10`, { peopleAided: 1, amountFen: 50_000 }).progress(`${bureauId}-p-wu`, 3, `${YEAR}-05-10`).progress(`${bureauId}-p-pair`, 1, `${YEAR}-04-02`);
  await facts.publish(dataDir);
}

/** Every item's status in a month: zheng falls behind in the first quarter, wu in the second; deeds are done once due. */
export function statusOf(memberId: string, itemNo: number, month: string, dueQuarter?: number): Status {
  const m = Number(month.slice(5, 7));
  if (memberId === 'zheng' && itemNo === 2 && m >= 2 && m <= 4) return 'behind';
  if (memberId === 'wu' && itemNo === 1 && m >= 4) return 'behind';
  if (dueQuarter && m > dueQuarter * 3 - 2) return 'done';
  return m === 1 && itemNo === 3 ? 'not-started' : 'on-track';
}
