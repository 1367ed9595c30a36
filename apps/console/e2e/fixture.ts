// A small bureau loaded through the public API (as a bureau would: directory CSV, accounts),
// plus a second bureau whose people must see nothing of the first.
import { currentBureauYear } from '../src/format/format';

export const YEAR = currentBureauYear();
export const PASSWORD = 'Console-Test-Pass-1';
export const BUREAU = 'qingdao-stats';
export const OTHER_BUREAU = 'yantai-stats';

export const DIRECTORY = `record,key,name,type,parent,partyStatus,branch,group,department,roles
unit,branch-1,机关第一党支部,party-branch,,,,,,
unit,group-1,综合党小组,party-group,branch-1,,,,,
unit,dept-general,综合统计科,department,,,,,,
member,wang-fang,王芳,,,full,,group-1,dept-general,member
member,zhao-lei,赵磊,,,full,,group-1,dept-general,member;group-leader
member,li-ming,李明,,,full,,group-1,dept-general,member;branch-secretary
member,luo-jun,罗军,,,full,,group-1,dept-general,member;auditor
member,ye-hong,叶红,,,full,,group-1,dept-general,member;bureau-admin
`;

export const PEOPLE = {
  member: { username: 'wang-fang', memberId: 'wang-fang', roles: ['member'] },
  leader: { username: 'zhao-lei', memberId: 'zhao-lei', roles: ['member', 'group-leader'] },
  secretary: { username: 'li-ming', memberId: 'li-ming', roles: ['member', 'branch-secretary'] },
  auditor: { username: 'luo-jun', memberId: 'luo-jun', roles: ['member', 'auditor'] },
  admin: { username: 'ye-hong', memberId: 'ye-hong', roles: ['member', 'bureau-admin'] },
} as const;

/** One API request as a fixture makes it: JSON (or text) in, JSON out, anything but 2xx thrown with its body. */
export async function call<T = Record<string, unknown>>(baseUrl: string, token: string | undefined, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/**
 * What one service records reaches another's views a moment later (events over the bus): reads
 * until `done` holds, and names the last refusal when it never does.
 */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (let last = ''; ; ) {
    const value = await read().catch((error: Error) => ((last = error.message), undefined));
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  return (await call(baseUrl, undefined, 'POST', '/api/v1/auth/login', { username, password })).accessToken as string;
}

/** Registers both bureaus, imports the first one's directory and makes everyone's accounts. */
export async function loadFixture(baseUrl: string, adminPassword: string): Promise<void> {
  const root = await login(baseUrl, 'admin', adminPassword);
  await call(baseUrl, root, 'POST', '/api/v1/bureaus', { bureauId: BUREAU, name: '青岛市统计局', level: 'city' });
  await call(baseUrl, root, 'POST', '/api/v1/bureaus', { bureauId: OTHER_BUREAU, name: '烟台市统计局', level: 'city' });
  await call(baseUrl, root, 'POST', `/api/v1/bureaus/${BUREAU}/accounts`, { ...PEOPLE.admin, password: PASSWORD });
  const admin = await login(baseUrl, PEOPLE.admin.username, PASSWORD);
  await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${BUREAU}/directory/import`, DIRECTORY, 'text/csv');
  for (const person of [PEOPLE.member, PEOPLE.leader, PEOPLE.secretary, PEOPLE.auditor]) await call(baseUrl, admin, 'POST', `/api/v1/bureaus/${BUREAU}/accounts`, { ...person, password: PASSWORD });
  await call(baseUrl, root, 'POST', `/api/v1/bureaus/${OTHER_BUREAU}/accounts`, { username: 'yt-auditor', memberId: 'yt-auditor', roles: ['member', 'auditor', 'bureau-admin'], password: PASSWORD });
}
