// A province and a city bureau for the reward, statistics and system pages, loaded through the
// public API: the city's directory (a member, her branch secretary, the leading group, the bureau
// admin), accounts, the year's reward policy with a selection honour, and opening totals from 2011.
import { call, login, until } from './fixture';

export const R_BUREAU = 'linyi-stats';
export const R_PARENT = 'sd-stats';
export const R_PASSWORD = 'Reward-Test-Pass-1';

const DIRECTORY = `record,key,name,type,parent,partyStatus,branch,group,department,roles
unit,branch-1,机关第一党支部,party-branch,,,,,,
unit,group-1,综合党小组,party-group,branch-1,,,,,
unit,dept-general,综合统计科,department,,,,,,
member,wang-fang,王芳,,,full,,group-1,dept-general,member
member,zhao-lei,赵磊,,,full,,group-1,dept-general,member
member,li-ming,李明,,,full,,group-1,dept-general,member;branch-secretary
member,zhou-jun,周军,,,full,branch-1,,dept-general,member;leading-group
member,ye-hong,叶红,,,full,branch-1,,dept-general,member;bureau-admin
`;

export const R_PEOPLE = {
  member: { username: 'wang-fang', memberId: 'wang-fang', roles: ['member'] },
  secretary: { username: 'li-ming', memberId: 'li-ming', roles: ['member', 'branch-secretary'] },
  leading: { username: 'zhou-jun', memberId: 'zhou-jun', roles: ['member', 'leading-group'] },
  admin: { username: 'ye-hong', memberId: 'ye-hong', roles: ['member', 'bureau-admin'] },
} as const;


export async function loadRewardFixture(baseUrl: string, adminPassword: string, year: number): Promise<void> {
  const root = await login(baseUrl, 'admin', adminPassword);
  await call(baseUrl, root, 'POST', '/api/v1/bureaus', { bureauId: R_PARENT, name: '山东省统计局', level: 'province' });
  await call(baseUrl, root, 'POST', '/api/v1/bureaus', { bureauId: R_BUREAU, name: '临沂市统计局', level: 'city', parentBureauId: R_PARENT });
  await call(baseUrl, root, 'POST', `/api/v1/bureaus/${R_BUREAU}/accounts`, { ...R_PEOPLE.admin, password: R_PASSWORD });
  const admin = await login(baseUrl, R_PEOPLE.admin.username, R_PASSWORD);
  await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${R_BUREAU}/directory/import`, DIRECTORY, 'text/csv');
  for (const person of [R_PEOPLE.member, R_PEOPLE.secretary, R_PEOPLE.leading]) await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${R_BUREAU}/accounts`, { ...person, password: R_PASSWORD });
  // The outside system the system admin subscribes (an admin subscribes only an existing subscriber account).
  await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${R_BUREAU}/accounts`, { username: 'records-system', memberId: 'records-system', roles: ['subscriber'], password: R_PASSWORD });
  const leading = await login(baseUrl, R_PEOPLE.leading.username, R_PASSWORD);
  await call(baseUrl, leading, 'PUT', `/api/v1/rewards/policies/${year}`, {
    honours: [
      { honourId: 'outstanding-member', title: '优秀共产党员', award: 'selection', eligibleGrades: ['excellent'], quota: 2, reward: { spiritual: ['certificate', 'honour-title'], material: { kind: 'money', amountFen: 50_000 } } },
    ],
  });
  // The reward service learns the directory from the pledge topic.
  await until(() => call(baseUrl, leading, 'GET', '/api/v1/rewards/members/wang-fang'), () => true, 'the reward service learning the directory', 120_000);
  await call(baseUrl, admin, 'PUT', `/api/v1/statistics/bureaus/${R_BUREAU}/opening-totals/2011`, { deedsPledged: 165, deedsDone: 165, peopleAided: 65, amountFen: 2_000_000, note: '2011年以来台账' });
}
