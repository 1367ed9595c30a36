import { programmeYearOf } from '@pledgebook/pledge-domain';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const YEAR = programmeYearOf(new Date().toISOString());

const root = join(__dirname, '..');
const register = require.resolve('@swc-node/register');
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function output(child: ChildProcess): { text: () => string; waitFor: (needle: string, ms: number) => Promise<void> } {
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  return {
    text: () => text,
    waitFor: async (needle, ms) => {
      for (let waited = 0; !text.includes(needle); waited += 100) {
        if (waited > ms) throw new Error(`"${needle}" not seen in:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r)));

let started: ChildProcess | undefined;
afterAll(() => {
  // Never leave the system running when an assertion fails half-way.
  if (started?.pid && started.exitCode === null && started.signalCode === null) process.kill(-started.pid, 'SIGKILL');
});

describe('npm start', () => {
  it('starts every service as a process on the embedded profile and stops them all on Ctrl-C', async () => {
    const child = spawn(process.execPath, ['-r', register, join(root, 'tools', 'start.ts')], {
      cwd: root,
      env: { ...process.env, PLEDGEBOOK_DATA_DIR: dataDir, PLEDGEBOOK_SERVICE_PORT_BASE: '4700', PLEDGEBOOK_GATEWAY_PORT: '4700', PLEDGEBOOK_ADMIN_PASSWORD: 'Start-Test-Admin-1', PLEDGEBOOK_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    started = child;
    const out = output(child);
    await out.waitFor('Press Ctrl-C to stop.', 90_000);
    for (const port of [4701, 4702, 4703, 4704]) {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', details: { eventStore: { status: 'up', head: 0 }, messageBus: { status: 'up' }, readModels: { status: 'up' } } });
    }
    const login = await fetch('http://127.0.0.1:4700/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Start-Test-Admin-1' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    // A token from the gateway's login is accepted by the services.
    const registered = await fetch('http://127.0.0.1:4701/api/v1/bureaus', {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bureauId: 'yantai', name: '烟台市统计局', level: 'city' }),
    });
    expect(registered.status).toBe(201);
    // Through the gateway: routed unchanged to the pledge service, with a correlation id and security headers.
    const viaGateway = await fetch('http://127.0.0.1:4700/api/v1/bureaus', {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', 'x-correlation-id': 'corr-start-test' },
      body: JSON.stringify({ bureauId: 'weihai', name: '威海市统计局', level: 'city', parentBureauId: 'yantai' }),
    });
    expect(viaGateway.status).toBe(201);
    expect(viaGateway.headers.get('x-correlation-id')).toBe('corr-start-test');
    expect(viaGateway.headers.get('x-content-type-options')).toBe('nosniff');
    const read = await fetch('http://127.0.0.1:4700/api/v1/bureaus/weihai', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await read.json()).toMatchObject({ bureauId: 'weihai', parentBureauId: 'yantai' });
    const oversize = await fetch('http://127.0.0.1:4700/api/v1/pledges', {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filler: 'x'.repeat(300_000) }),
    });
    expect(oversize.status).toBe(413);
    expect((await fetch('http://127.0.0.1:4700/api/v1/nowhere', { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(404);
    expect(existsSync(join(dataDir, 'eventstore.db'))).toBe(true);
    // npm run token signs with the data directory's key; the running services trust it.
    const issue = spawnSync(process.execPath, ['-r', register, join(root, 'tools', 'issue-token.ts'), '--sub', 'root', '--bureau', 'shandong', '--roles', 'system-admin'], {
      cwd: root,
      env: { ...process.env, PLEDGEBOOK_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    const token = issue.stdout.trim();
    const created = await fetch('http://127.0.0.1:4701/api/v1/bureaus', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bureauId: 'shandong', name: '山东省统计局', level: 'province' }),
    });
    expect(created.status).toBe(201);
    expect((await fetch('http://127.0.0.1:4701/api/v1/bureaus/shandong')).status).toBe(401);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    await expect(fetch('http://127.0.0.1:4701/health/live')).rejects.toThrow();
  }, 120_000);

  it('loads the demo bureau through the API on first start, keeps it on the next, and starts over with --reset', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'pledgebook-demo-'));
    const start = (args: string[] = [], env: Record<string, string | undefined> = { PLEDGEBOOK_ADMIN_PASSWORD: undefined, PLEDGEBOOK_DEMO: undefined }) => {
      const child = spawn(process.execPath, ['-r', register, join(root, 'tools', 'start.ts'), ...args], {
        cwd: root,
        env: { ...process.env, PLEDGEBOOK_DATA_DIR: demoDir, PLEDGEBOOK_SERVICE_PORT_BASE: '4710', PLEDGEBOOK_GATEWAY_PORT: '4710', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      started = child;
      return { child, out: output(child) };
    };
    const login = (username: string, password: string) =>
      fetch('http://127.0.0.1:4710/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    /** The demo's password is an initial one: the first sign-in gets only the right to change it. */
    const changePassword = async (username: string, currentPassword: string, newPassword: string) => {
      const first = (await (await login(username, currentPassword)).json()) as { accessToken: string; mustChangePassword?: boolean };
      expect(first.mustChangePassword).toBe(true);
      const pledges = await fetch(`http://127.0.0.1:4710/api/v1/pledges?year=${YEAR}`, { headers: { authorization: `Bearer ${first.accessToken}` } });
      expect(pledges.status).toBe(401);
      const changed = await fetch('http://127.0.0.1:4710/api/v1/auth/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${first.accessToken}` },
        body: JSON.stringify({ currentPassword, newPassword }),
      });
      expect(changed.status).toBe(200);
    };
    const books = async (password: string) => {
      const { accessToken } = (await (await login('auditor', password)).json()) as { accessToken: string };
      const found: { status: string; pledger: { type: string }; totals?: { peopleAided: number } }[] = [];
      for (const year of [YEAR - 1, YEAR]) {
        const r = await fetch(`http://127.0.0.1:4710/api/v1/pledges?year=${year}&limit=200`, { headers: { authorization: `Bearer ${accessToken}` } });
        found.push(...((await r.json()) as { items: typeof found }).items);
      }
      return found;
    };
    try {
      const first = start();
      await first.out.waitFor('Press Ctrl-C to stop.', 150_000);
      const adminPassword = /system admin is "admin" with password (\S+)/.exec(first.out.text())?.[1];
      const demoPassword = /accounts sharing the password (\S+) \(an initial password/.exec(first.out.text())?.[1];
      expect(adminPassword).toBeDefined();
      expect(demoPassword).toBeDefined();
      expect(first.out.text()).toContain('[demo] directory: 40 people in 威海市统计局');
      for (const username of ['member', 'leader', 'secretary', 'appraiser', 'leading', 'auditor', 'bureau-admin', 'wu-jing']) expect((await login(username, demoPassword!)).status).toBe(200);
      expect((await login('admin', adminPassword!)).status).toBe(200);
      await changePassword('auditor', demoPassword!, 'Shenji-Mima-2026a');
      await changePassword('member', demoPassword!, 'Chengyuan-Mima-2026b');
      const loaded = await books('Shenji-Mima-2026a');
      // Books in every state, reached through the review service as users would.
      expect(new Set(loaded.map((b) => b.status))).toEqual(new Set(['draft', 'submitted', 'returned', 'approved', 'published', 'withdrawn', 'closed']));
      expect(new Set(loaded.map((b) => b.pledger.type))).toEqual(new Set(['individual', 'paired', 'collective']));
      expect(loaded.filter((b) => b.status === 'published').every((b) => (b.totals?.peopleAided ?? 0) > 0)).toBe(true);
      const { accessToken: memberToken } = (await (await login('member', 'Chengyuan-Mima-2026b')).json()) as { accessToken: string };
      const booklet = await fetch(`http://127.0.0.1:4710/api/v1/members/sun-li/booklet?year=${YEAR}`, { headers: { authorization: `Bearer ${memberToken}` } });
      expect(booklet.headers.get('content-type')).toContain('text/html');
      expect(await booklet.text()).toContain('个人承诺　孙丽');
      first.child.kill('SIGINT');
      expect(await exited(first.child)).toBe(0);

      const again = start();
      await again.out.waitFor('Press Ctrl-C to stop.', 90_000);
      expect(again.out.text()).not.toContain('loading the demo bureau');
      expect(again.out.text()).toContain(`accounts sharing the password ${demoPassword}`);
      expect((await books('Shenji-Mima-2026a')).length).toBe(loaded.length);
      again.child.kill('SIGINT');
      expect(await exited(again.child)).toBe(0);

      const { child: reset, out } = start(['--reset'], { PLEDGEBOOK_ADMIN_PASSWORD: 'Reset-Admin-Pass-1', PLEDGEBOOK_DEMO: '0' });
      await out.waitFor('Press Ctrl-C to stop.', 90_000);
      expect(out.text()).toContain('--reset: removed');
      expect((await login('auditor', 'Shenji-Mima-2026a')).status).toBe(401);
      expect((await login('admin', 'Reset-Admin-Pass-1')).status).toBe(200);
      reset.kill('SIGINT');
      expect(await exited(reset)).toBe(0);
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  }, 400_000);

  it('refuses a bad setting, naming the variable', async () => {
    const child = spawn(process.execPath, ['-r', register, join(root, 'apps', 'pledge-service', 'src', 'main.ts')], {
      cwd: root,
      env: { ...process.env, PLEDGEBOOK_DATA_DIR: dataDir, BUS_URL: 'amqp://elsewhere' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = output(child);
    expect(await exited(child)).toBe(1);
    expect(out.text()).toContain('BUS_URL: must start with sqlite: or kafka://');
  }, 60_000);
});
