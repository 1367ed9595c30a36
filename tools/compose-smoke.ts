// Drives one pledge through a running Pledgebook by its public API, the way an operator checks an
// installation (docker compose, a Kubernetes release, an unpacked bundle):
//   PLEDGEBOOK_ADMIN_PASSWORD=… node -r @swc-node/register tools/compose-smoke.ts [gateway URL]
// (or `node tools/compose-smoke.js` inside the image). As the system admin it registers a bureau
// of its own, with a branch, a group and a member; the member drafts and submits a pledge book; the
// review service must open its review from the pledge service's event on the bus. Exits 0 when
// every step answered as expected, else 1 naming the step.
import { programmeYearOf } from '@pledgebook/pledge-domain';
import { randomBytes } from 'node:crypto';
import { ApiClient } from './demo/api-client';

const gateway = (process.argv[2] ?? process.env.PLEDGEBOOK_GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const adminPassword = process.env.PLEDGEBOOK_ADMIN_PASSWORD;

async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms / 1000} s (last answer: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function smoke(url: string, password: string, log: (line: string) => void = console.log): Promise<{ bureauId: string; pledgeId: string }> {
  const suffix = randomBytes(3).toString('hex');
  const bureauId = `smoke-${suffix}`;
  const secret = `Smoke-${randomBytes(9).toString('base64url')}`;
  const root = await ApiClient.login(url, 'admin', password);
  log(`logged in as admin at ${url}`);
  await root.send('POST', '/api/v1/bureaus', { bureauId, name: `冒煙測試局 ${suffix}`, level: 'city' });
  await root.send('POST', `/api/v1/bureaus/${bureauId}/accounts`, { username: `${bureauId}-admin`, password: secret, memberId: 'smoke-admin', roles: ['bureau-admin'] });
  const admin = await ApiClient.login(url, `${bureauId}-admin`, secret);
  await admin.send('POST', `/api/v1/bureaus/${bureauId}/org-units`, { orgUnitId: 'branch-1', type: 'party-branch', name: '機關黨支部' });
  await admin.send('POST', `/api/v1/bureaus/${bureauId}/org-units`, { orgUnitId: 'group-1', type: 'party-group', name: '第一黨小組', parentId: 'branch-1' });
  await admin.send('POST', `/api/v1/bureaus/${bureauId}/members`, { memberId: 'wang', name: '王曉東', partyStatus: 'full', groupId: 'group-1', roles: ['member'], joinedOn: '2020-01-02' });
  await admin.send('POST', `/api/v1/bureaus/${bureauId}/accounts`, { username: `${bureauId}-wang`, password: secret, memberId: 'wang', roles: ['member'] });
  log(`bureau ${bureauId}: a branch, a group and a member with an account`);

  const member = await ApiClient.login(url, `${bureauId}-wang`, secret);
  const year = programmeYearOf(new Date().toISOString());
  const items = [
    { kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本，寫讀書筆記' },
    { kind: 'position', text: '把統計數據質量做到全省一流', target: '數據質量考核全省前三', benchmark: true },
    { kind: 'deed', text: '資助一名貧困學生', target: '全年資助2000元', category: 'student-aid' },
  ];
  // The member directory reaches the pledge service's read model through its projection.
  const drafted = await eventually(
    'drafting a pledge book',
    () => member.send<{ pledgeId: string }>('POST', '/api/v1/pledges', { year, pledger: { type: 'individual', memberIds: ['wang'] }, items }),
    (r) => typeof r.pledgeId === 'string',
  );
  log(`pledge ${drafted.pledgeId} drafted for ${year}`);
  await member.send('POST', `/api/v1/pledges/${drafted.pledgeId}/submit`);
  await eventually('the submitted book', () => member.send<{ status: string }>('GET', `/api/v1/pledges/${drafted.pledgeId}`), (p) => p.status === 'submitted');
  log('submitted');
  // Across the bus: the review service opens the review from the pledge service's event.
  await eventually('the review opened from the bus', () => member.send<{ status: string }>('GET', `/api/v1/reviews/${drafted.pledgeId}`), (r) => typeof r.status === 'string');
  log('review opened by the review service (the event crossed the bus)');
  return { bureauId, pledgeId: drafted.pledgeId };
}

if (require.main === module) {
  if (!adminPassword) {
    console.error('PLEDGEBOOK_ADMIN_PASSWORD: set it to the system admin password the gateway was started with');
    process.exit(64);
  }
  smoke(gateway, adminPassword).then(
    () => console.log('smoke: OK'),
    (error: unknown) => {
      console.error(`smoke: FAILED — ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
