import { programmeYearOf } from '@pledgebook/pledge-domain';
import { startPledgeService, type Caller, type Harness } from './pledge-service.harness';

/** The programme year now (China Standard Time): the year books may be drafted for without opening one. */
export const YEAR = programmeYearOf(new Date().toISOString());
export const today = () => new Date().toISOString().slice(0, 10);

export const items = [
  { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本，寫讀書筆記' },
  { kind: 'position', text: '把人口抽樣調查工作做到全省一流', target: '數據質量考核全省前三', benchmark: true },
  { kind: 'deed', text: '資助孫家疃小學一名貧困學生', target: '全年資助2000元', category: 'student-aid', beneficiary: { type: 'school', name: '孫家疃小學', arrangedByBranch: true } },
];

export interface Bureau {
  root: Caller;
  admin: Caller;
  wang: Caller;
  li: Caller;
  secretary: Caller;
  leader: Caller;
  auditor: Caller;
  otherAdmin: Caller;
  provinceAuditor: Caller;
}

/**
 * A province with one city bureau (two groups in one branch, a department, four members) and a
 * sibling city whose admin must not see the first one.
 */
export async function seedBureau(h: Harness): Promise<Bureau> {
  const root = await h.as({ sub: 'root', bureauId: 'shandong', roles: ['system-admin'] });
  const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`setup call failed: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await ok(h.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'shandong', name: '山東省統計局', level: 'province' }));
  await ok(h.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'weihai', name: '威海市統計局', level: 'city', parentBureauId: 'shandong' }));
  await ok(h.call(root, 'POST', '/api/v1/bureaus', { bureauId: 'qingdao', name: '青島市統計局', level: 'city', parentBureauId: 'shandong' }));
  const admin = await h.as({ sub: 'admin-1', bureauId: 'weihai', roles: ['bureau-admin'] });
  const units = [
    { orgUnitId: 'branch-1', type: 'party-branch', name: '機關黨支部' },
    { orgUnitId: 'group-1', type: 'party-group', name: '第一黨小組', parentId: 'branch-1' },
    { orgUnitId: 'group-2', type: 'party-group', name: '第二黨小組', parentId: 'branch-1' },
    { orgUnitId: 'dept-1', type: 'department', name: '人口和就業統計科' },
  ];
  for (const unit of units) await ok(h.call(admin, 'POST', '/api/v1/bureaus/weihai/org-units', unit));
  const members = [
    { memberId: 'wang', name: '王曉東', partyStatus: 'full', groupId: 'group-1', departmentId: 'dept-1', roles: ['member'], joinedOn: `${YEAR}-01-02` },
    { memberId: 'li', name: '李紅梅', partyStatus: 'probationary', groupId: 'group-2', roles: ['member'], joinedOn: `${YEAR}-01-02` },
    { memberId: 'zhao', name: '趙建國', partyStatus: 'full', groupId: 'group-1', roles: ['member', 'group-leader'], joinedOn: `${YEAR}-01-02` },
    { memberId: 'sun', name: '孫麗', partyStatus: 'full', groupId: 'group-2', roles: ['member', 'branch-secretary'], joinedOn: `${YEAR}-01-02` },
  ];
  for (const member of members) await ok(h.call(admin, 'POST', '/api/v1/bureaus/weihai/members', member));
  return {
    root,
    admin,
    wang: await h.as({ sub: 'wang', bureauId: 'weihai', roles: ['member'] }),
    li: await h.as({ sub: 'li', bureauId: 'weihai', roles: ['member'] }),
    leader: await h.as({ sub: 'zhao', bureauId: 'weihai', roles: ['member', 'group-leader'] }),
    secretary: await h.as({ sub: 'sun', bureauId: 'weihai', roles: ['member', 'branch-secretary'] }),
    auditor: await h.as({ sub: 'audit-1', bureauId: 'weihai', roles: ['auditor'] }),
    otherAdmin: await h.as({ sub: 'admin-9', bureauId: 'qingdao', roles: ['bureau-admin'] }),
    provinceAuditor: await h.as({ sub: 'audit-p', bureauId: 'shandong', roles: ['auditor'] }),
  };
}

/** Waits until `check` holds (read models and relays are asynchronous). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 20_000): Promise<T> {
  let last = await read();
  for (const deadline = Date.now() + ms; !check(last) && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

/** A suite's service: started and seeded before its tests, stopped after. */
export function seededService(): { readonly h: Harness; readonly b: Bureau } {
  const context = {} as { h: Harness; b: Bureau };
  beforeAll(async () => {
    context.h = await startPledgeService();
    context.b = await seedBureau(context.h);
  }, 90_000);
  afterAll(() => context.h.close());
  return context;
}
