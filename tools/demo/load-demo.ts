// Loads the demo bureau through the public API (the gateway), never by writing to the stores.
// Safe to run again after an interruption: what exists already is left as it is.
import { ApiClient } from './api-client';
import { DEMO_ACCOUNTS, DEMO_BUREAU, DEMO_PEOPLE, DEMO_YEAR, demoDirectoryCsv, demoItems } from './demo-bureau';

export interface DemoOptions {
  gatewayUrl: string;
  adminPassword: string;
  demoPassword: string;
  log?: (line: string) => void;
}

export interface DemoSummary {
  members: number;
  accounts: number;
  pledgesByStatus: Record<string, number>;
}

/** What each member with a book does with it (the rest have not drafted yet). */
const PLANS = ['submitted', 'draft', 'submitted', 'withdrawn', 'submitted', 'draft'] as const;

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

  const counts: Record<string, number> = {};
  const count = (status: string) => (counts[status] = (counts[status] ?? 0) + 1);
  // Individual books: three in four members with a party group have drafted one.
  const pledgers = DEMO_PEOPLE.filter((p, i) => i % 4 !== 3);
  for (const [i, person] of pledgers.entries()) {
    const plan = PLANS[i % PLANS.length]!;
    const me = await as(person.memberId);
    const drafted = await me.send<{ pledgeId: string } | undefined>('POST', '/api/v1/pledges', { year: DEMO_YEAR, pledger: { type: 'individual', memberIds: [person.memberId] }, items: demoItems(i) }, { tolerateConflict: true });
    if (!drafted) continue;
    if (plan !== 'draft') await me.send('POST', `/api/v1/pledges/${drafted.pledgeId}/submit`);
    if (plan === 'withdrawn') await me.send('POST', `/api/v1/pledges/${drafted.pledgeId}/withdraw`, { reason: '調崗後重新擬定承諾' });
    count(plan);
  }
  // A paired book and the leadership team's collective book.
  const pair = await (await as('tang-li')).send<{ pledgeId: string } | undefined>(
    'POST',
    '/api/v1/pledges',
    { year: DEMO_YEAR, pledger: { type: 'paired', memberIds: ['tang-li', 'xu-fang'] }, items: demoItems(7).filter((item) => item.kind === 'deed') },
    { tolerateConflict: true },
  );
  if (pair) count('draft');
  const team = await (await as('zhou-jianguo')).send<{ pledgeId: string } | undefined>(
    'POST',
    '/api/v1/pledges',
    { year: DEMO_YEAR, pledger: { type: 'collective', orgUnitId: 'leadership-team' }, items: demoItems(2).filter((item) => item.kind !== 'common') },
    { tolerateConflict: true },
  );
  if (team) {
    await (await as('zhou-jianguo')).send('POST', `/api/v1/pledges/${team.pledgeId}/submit`);
    count('submitted');
  }
  log(`pledge books: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}`);
  return { members: DEMO_PEOPLE.length, accounts: DEMO_PEOPLE.length, pledgesByStatus: counts };
}
