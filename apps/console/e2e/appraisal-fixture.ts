// A small bureau for the appraisal in the browser, loaded through the public API: a directory
// with a member, her group leader and branch secretary, the appraisal office and the leading
// group; the office assigned for the year; the member's book drafted, reviewed and published.
import { call, login, until } from './fixture';

export const A_BUREAU = 'weihai-stats';
export const A_PASSWORD = 'Appraisal-Test-Pass-1';

/** Today in the bureau's zone (China Standard Time, UTC+8). */
export const bureauToday = (now: Date = new Date()): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/**
 * The year whose H1 round may open today: a half's round opens from the first day of its last
 * month (H1 from June 1st), so before June the test appraises last year, entered late.
 */
export const appraisalYear = (now: Date = new Date()): number => {
  const today = bureauToday(now);
  return today.slice(5, 7) >= '06' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
};
/** The month the group leader's check page opens on: this month, or December of a past year. */
export const checkMonth = (year: number, now: Date = new Date()): string => [bureauToday(now).slice(0, 7), `${year}-12`].sort()[0]!;

const DIRECTORY = `record,key,name,type,parent,partyStatus,branch,group,department,roles
unit,branch-1,机关第一党支部,party-branch,,,,,,
unit,group-1,综合党小组,party-group,branch-1,,,,,
unit,dept-general,综合统计科,department,,,,,,
member,wang-fang,王芳,,,full,,group-1,dept-general,member
member,zhao-lei,赵磊,,,full,,group-1,dept-general,member;group-leader
member,li-ming,李明,,,full,,group-1,dept-general,member;branch-secretary
member,qian-jin,钱进,,,full,branch-1,,dept-general,member;appraisal-office
member,zhou-jun,周军,,,full,branch-1,,dept-general,member;leading-group
member,ye-hong,叶红,,,full,branch-1,,dept-general,member;bureau-admin
`;

export const A_PEOPLE = {
  member: { username: 'wang-fang', memberId: 'wang-fang', roles: ['member'] },
  leader: { username: 'zhao-lei', memberId: 'zhao-lei', roles: ['member', 'group-leader'] },
  secretary: { username: 'li-ming', memberId: 'li-ming', roles: ['member', 'branch-secretary'] },
  office: { username: 'qian-jin', memberId: 'qian-jin', roles: ['member', 'appraisal-office'] },
  leading: { username: 'zhou-jun', memberId: 'zhou-jun', roles: ['member', 'leading-group'] },
  admin: { username: 'ye-hong', memberId: 'ye-hong', roles: ['member', 'bureau-admin'] },
} as const;


export async function loadAppraisalFixture(baseUrl: string, adminPassword: string, year: number): Promise<{ pledgeId: string }> {
  const root = await login(baseUrl, 'admin', adminPassword);
  await call(baseUrl, root, 'POST', '/api/v1/bureaus', { bureauId: A_BUREAU, name: '威海市统计局', level: 'city' });
  await call(baseUrl, root, 'POST', `/api/v1/bureaus/${A_BUREAU}/accounts`, { ...A_PEOPLE.admin, password: A_PASSWORD });
  const admin = await login(baseUrl, A_PEOPLE.admin.username, A_PASSWORD);
  await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${A_BUREAU}/directory/import`, DIRECTORY, 'text/csv');
  // Last year is opened for late entry (before June the round of last year's H1 is the one that may open).
  if (year < Number(bureauToday().slice(0, 4))) await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${A_BUREAU}/years`, { year });
  for (const person of Object.values(A_PEOPLE)) if (person !== A_PEOPLE.admin) await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${A_BUREAU}/accounts`, { ...person, password: A_PASSWORD });
  await call(baseUrl, admin, 'PUT', `/api/v1/bureaus/${A_BUREAU}/appraisal-office/${year}`, { staff: [{ memberId: 'qian-jin', duty: '考评办主任' }] });

  const [member, leader, secretary] = await Promise.all([login(baseUrl, 'wang-fang', A_PASSWORD), login(baseUrl, 'zhao-lei', A_PASSWORD), login(baseUrl, 'li-ming', A_PASSWORD)]);
  const { pledgeId } = await call<{ pledgeId: string }>(baseUrl, member, 'POST', '/api/v1/pledges', {
    year,
    pledger: { type: 'individual', memberIds: ['wang-fang'] },
    items: [
      { kind: 'common', area: 'theory-study', text: '每月精读一本理论著作，撰写学习心得', target: '全年12篇心得' },
      { kind: 'position', text: '把人口抽样调查做到全省一流', target: '数据质量全省前三', benchmark: true },
      { kind: 'deed', category: 'student-aid', text: '资助一名家庭困难学生完成学业', target: '全年不少于4次', beneficiary: { type: 'school', name: '环翠区望岛小学', arrangedByBranch: false }, dueQuarter: 4 },
    ],
  });
  await call(baseUrl, member, 'POST', `/api/v1/pledges/${pledgeId}/submit`);
  await until(() => call<{ status: string }>(baseUrl, leader, 'GET', `/api/v1/reviews/${pledgeId}`), (r) => r.status === 'group', 'the review opening');
  await call(baseUrl, leader, 'POST', `/api/v1/reviews/${pledgeId}/group-evaluation`, { decision: 'forward', evaluation: '同意提交支部' });
  // The branch meets today (a late year's books are reviewed now, as the services allow).
  const meeting = { date: bureauToday(), attendees: ['li-ming', 'zhao-lei', 'wang-fang'] };
  await call(baseUrl, secretary, 'POST', `/api/v1/reviews/${pledgeId}/branch-decision`, { meeting, verdicts: [1, 2, 3].map((itemNo) => ({ itemNo, verdict: 'approved' })) });
  await until(() => call<{ approved: number }>(baseUrl, secretary, 'GET', `/api/v1/reviews/branches/branch-1/progress?year=${year}`), (p) => p.approved >= 1, 'the approval');
  await call(baseUrl, secretary, 'POST', '/api/v1/reviews/branches/branch-1/publications', { year });
  // The appraisal service learns the published book (and the office) from the bus.
  const month = checkMonth(year);
  await until(
    () => call<{ members: unknown[] }>(baseUrl, leader, 'GET', `/api/v1/appraisals/bureaus/${A_BUREAU}/groups/group-1/checks/${month}/roster`),
    (r) => r.members.length > 0,
    'the appraisal service learning the published book',
  );
  return { pledgeId };
}
