// Process roles on one data directory: of two `worker` processes only one works (holds the
// context's lease); killed, it is replaced by the other; an `api` process never works.
import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(__dirname, 'main.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-roles-'));
const env = (role: string) => ({ PLEDGEBOOK_PROCESS_ROLE: role, PLEDGEBOOK_WORKER_LEASE_SECONDS: '2', LOG_LEVEL: 'info' });
const harnesses: Harness[] = [];
const working = (h: Harness) => h.output().includes('worker lease held');

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; !check() && waited < ms; waited += 50) await new Promise((r) => setTimeout(r, 50));
  return check();
}

afterAll(async () => {
  for (const h of harnesses) await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('process roles', () => {
  it('runs the work in exactly one worker, and hands it to the standby when that worker dies', async () => {
    const api = await startServiceProcess(MAIN, { dataDir, env: env('api') });
    const a = await startServiceProcess(MAIN, { dataDir, env: env('worker') });
    const b = await startServiceProcess(MAIN, { dataDir, env: env('worker') });
    harnesses.push(api, a, b);
    expect(await until(() => working(a) || working(b), 5000)).toBe(true);
    await new Promise((r) => setTimeout(r, 2500)); // longer than a lease: still only one
    expect([a, b].filter(working)).toHaveLength(1);
    const [holder, standby] = working(a) ? [a, b] : [b, a];
    await holder.kill();
    expect(await until(() => working(standby), 8000)).toBe(true);
    expect(working(api)).toBe(false);
    // The api process answers HTTP all the same.
    expect((await api.call(undefined, 'GET', '/health/live')).status).toBe(200);
  }, 60_000);

  it('refuses an unknown role, naming the setting', async () => {
    await expect(startServiceProcess(MAIN, { env: { PLEDGEBOOK_PROCESS_ROLE: 'both' } })).rejects.toThrow(/PLEDGEBOOK_PROCESS_ROLE/);
  });
});
