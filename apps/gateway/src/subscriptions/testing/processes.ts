import { startServiceProcess, type Caller, type Harness } from '@pledgebook/nest/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ADMIN_PASSWORD = 'System-Admin-Subscribe-1';
export const PASSWORD = 'Outside-Systems-2026!';
const REGISTER = require.resolve('@swc-node/register');
const APPS = join(__dirname, '..', '..', '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The pledge service and the gateway as processes on one data directory (the embedded profile). */
export async function startSystem(dataDir: string, gatewayEnv: Record<string, string> = {}): Promise<{ pledge: Harness; gateway: Harness }> {
  const pledge = await startServiceProcess(join(APPS, 'pledge-service', 'src', 'main.ts'), { dataDir, trustTestKey: false });
  const gateway = await startServiceProcess(join(APPS, 'gateway', 'src', 'main.ts'), {
    dataDir,
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD, PLEDGE_SERVICE_URL: pledge.baseUrl, SUBSCRIPTIONS_ALLOWED_HOSTS: '127.0.0.1', ...gatewayEnv },
  });
  return { pledge, gateway };
}

export async function login(gateway: Harness, username: string, password: string): Promise<Caller> {
  const r = await gateway.call(undefined, 'POST', '/api/v1/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.accessToken, claims: { sub: username, bureauId: '', roles: [] } };
}

export async function account(gateway: Harness, by: Caller, bureauId: string, username: string, memberId: string, roles: string[]): Promise<Caller> {
  const r = await gateway.call(by, 'POST', `/api/v1/bureaus/${bureauId}/accounts`, { username, password: PASSWORD, memberId, roles });
  if (r.status !== 201) throw new Error(`account ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return login(gateway, username, PASSWORD);
}

/** shandong (province) ─ weihai (city) ─ rongcheng (county); shandong ─ qingdao (city). */
export async function registerBureaus(gateway: Harness, root: Caller): Promise<void> {
  for (const [bureauId, name, level, parentBureauId] of [
    ['shandong', '山東省統計局', 'province', undefined],
    ['weihai', '威海市統計局', 'city', 'shandong'],
    ['rongcheng', '榮成市統計局', 'county', 'weihai'],
    ['qingdao', '青島市統計局', 'city', 'shandong'],
  ] as const) {
    const r = await gateway.call(root, 'POST', '/api/v1/bureaus', { bureauId, name, level, ...(parentBureauId ? { parentBureauId } : {}) });
    if (r.status !== 201) throw new Error(`bureau ${bureauId}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

/** Waits until the gateway has learned the bureaus (a system admin's scope on an unknown bureau is a 422). */
export async function untilBureausKnown(gateway: Harness, root: Caller, bureauId = 'rongcheng'): Promise<void> {
  // The probe's owner: a subscriber account of the province (an admin subscribes only such accounts).
  const made = await gateway.call(root, 'POST', '/api/v1/bureaus/shandong/accounts', { username: 'probe', password: PASSWORD, memberId: 'probe', roles: ['subscriber'] });
  if (made.status !== 201 && made.status !== 409) throw new Error(`the probe's account: ${made.status} ${JSON.stringify(made.body)}`);
  for (let waited = 0; ; waited += 200) {
    const probe = await gateway.call(root, 'POST', '/api/v1/subscriptions', { owner: { bureauId: 'shandong', subscriberId: 'probe' }, topic: 'pledgebook.pledge.v1', bureauScope: { bureauId } });
    if (probe.status === 201) {
      await gateway.call(root, 'DELETE', `/api/v1/subscriptions/${probe.body.subscriptionId}`);
      return;
    }
    if (waited > 30_000) throw new Error(`the gateway never learned ${bureauId}: ${JSON.stringify(probe.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Adds `count` members to a bureau (each a member-added event on pledgebook.pledge.v1). */
export async function addMembers(pledgeOrGateway: Harness, by: Caller, bureauId: string, count: number, prefix = 'm'): Promise<void> {
  for (let i = 0; i < count; i++) {
    const r = await pledgeOrGateway.call(by, 'POST', `/api/v1/bureaus/${bureauId}/members`, { memberId: `${prefix}${i}`, name: `成員${i}`, partyStatus: 'non-party' });
    if (r.status !== 201) throw new Error(`member ${bureauId}/${prefix}${i}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

/** A script or example as its own process; `lines` is what it printed. */
export function startScript(file: string, args: string[]): { child: ChildProcess; output: () => string; printed(text: string, ms?: number): Promise<void>; stop(): Promise<void> } {
  let output = '';
  const child = spawn(process.execPath, ['-r', REGISTER, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: join(APPS, '..') });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return {
    child,
    output: () => output,
    async printed(text, ms = 30_000) {
      for (let waited = 0; !output.includes(text); waited += 50) {
        if (child.exitCode !== null || waited > ms) throw new Error(`${file} did not print "${text}":\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

export const EXAMPLES = join(APPS, '..', 'examples');
export const FLAKY_RECEIVER = join(__dirname, 'flaky-receiver.script.ts');
