// Starts the whole system the way `npm start` does (tools/start.ts: the gateway and every service
// as processes on one data directory) on free ports, for the console's browser tests, the API
// client's generation, screenshots and the console benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
const REGISTER = require.resolve('@swc-node/register');

export interface RunningSystem {
  baseUrl: string;
  dataDir: string;
  adminPassword: string;
  /** The demo accounts' shared password when the demo bureau was loaded. */
  demoPassword?: string;
  output(): string;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A gateway port followed by four free service ports (base+1 … base+4), as tools/start.ts lays them out. */
async function freePortRun(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000) * 1;
    const ports = [base, base + 1, base + 2, base + 3, base + 4];
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no five free ports in a row');
}

/** `env`: settings of the processes beyond these (a browser test's webhook allow-list). */
export async function startSystem(options: { demo?: boolean; dataDir?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningSystem> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pledgebook-console-'));
  const base = await freePortRun();
  const adminPassword = 'Console-Admin-Password-1';
  const child: ChildProcess = spawn(process.execPath, ['-r', REGISTER, join(ROOT, 'tools', 'start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PLEDGEBOOK_DATA_DIR: dataDir,
      PLEDGEBOOK_GATEWAY_PORT: String(base),
      PLEDGEBOOK_SERVICE_PORT_BASE: String(base),
      PLEDGEBOOK_ADMIN_PASSWORD: adminPassword,
      PLEDGEBOOK_DEMO: options.demo ? '1' : '0',
      // Screenshots and the benchmark sign in as the demo's people straight away.
      PLEDGEBOOK_DEMO_PASSWORD_CHANGE: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const force = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  while (!text.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the system did not start:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  let demoPassword: string | undefined;
  if (options.demo) demoPassword = (JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as { password: string }).password;
  return { baseUrl: `http://127.0.0.1:${base}`, dataDir, adminPassword, ...(demoPassword ? { demoPassword } : {}), output: () => text, stop };
}
