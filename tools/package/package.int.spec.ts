// The offline bundle: `npm run package` makes the archive; it is unpacked in a scratch directory
// and started with every way to a registry closed (npm pointed at a closed port, offline),
// outside the repository (no node_modules above it), and must answer ready at the gateway and a
// service.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'pledgebook-bundle-'));
const offline = { npm_config_registry: 'http://127.0.0.1:9', npm_config_offline: 'true', NO_PROXY: '*', HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' };
let running: ChildProcess | undefined;
let gatewayPort = 0;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function ready(url: string, ms: number): Promise<unknown> {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((r) => setTimeout(r, 250))) {
    const body = await fetch(url)
      .then((r) => (r.ok ? r.json() : undefined))
      .catch(() => undefined);
    if (body) return body;
  }
  return undefined;
}

afterAll(async () => {
  if (running && running.exitCode === null) {
    await new Promise((done) => {
      running!.once('exit', done);
      running!.kill('SIGTERM');
    });
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('offline bundle', () => {
  it('packs, checks out against its checksum, unpacks and starts the embedded profile with no registry', async () => {
    const out = join(scratch, 'out');
    const packed = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', out, '--skip-console'], { cwd: root, env: { ...process.env, ...offline }, encoding: 'utf8' });
    expect(packed.stderr).toBe('');
    expect(packed.status).toBe(0);
    const archive = readdirSync(out).find((f) => f.endsWith('.tar.gz'))!;
    expect(archive).toMatch(new RegExp(`^pledgebook-\\d+\\.\\d+\\.\\d+-${process.platform}-${process.arch}-node20\\.tar\\.gz$`));
    const digest = createHash('sha256').update(readFileSync(join(out, archive))).digest('hex');
    expect(readFileSync(join(out, `${archive}.sha256`), 'utf8')).toBe(`${digest}  ${archive}\n`);

    const install = join(scratch, 'install');
    mkdirSync(install);
    expect(spawnSync('tar', ['-xzf', join(out, archive), '-C', install]).status).toBe(0);
    const [dir] = readdirSync(install);
    const app = join(install, dir!);
    // JavaScript only: no TypeScript sources, no specs; native SQLite built.
    expect(existsSync(join(app, 'apps', 'gateway', 'src', 'main.js'))).toBe(true);
    expect(existsSync(join(app, 'apps', 'gateway', 'src', 'main.ts'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'jest'))).toBe(false);

    gatewayPort = await freePort();
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    running = spawn('./start.sh', [], {
      cwd: app,
      env: { PATH: process.env.PATH, HOME: scratch, ...offline, PLEDGEBOOK_DEMO: '0', PLEDGEBOOK_ADMIN_PASSWORD: 'Offline-Admin-2026!', PLEDGEBOOK_GATEWAY_PORT: String(gatewayPort), PLEDGEBOOK_SERVICE_PORT_BASE: String(base) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    running.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    running.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const gateway = await ready(`http://127.0.0.1:${gatewayPort}/health/ready`, 60_000);
    const pledge = await ready(`http://127.0.0.1:${base + 1}/health/ready`, 30_000);
    if (!gateway || !pledge) throw new Error(`the bundle did not become ready:\n${output}`);
    expect(gateway).toMatchObject({ status: 'ok' });
    expect(pledge).toMatchObject({ status: 'ok', details: { eventStore: { engine: 'SQLite' } } });
    // Its data went where the start script puts it: beside it, not into the repository.
    expect(existsSync(join(app, 'data', 'eventstore.db'))).toBe(true);
  }, 150_000);

  it('takes a pledge through the operator’s smoke script (gateway, pledge and review services, the bus)', () => {
    expect(running?.exitCode).toBeNull();
    const smoked = spawnSync(process.execPath, ['-r', require.resolve('@swc-node/register'), join(root, 'tools', 'compose-smoke.ts'), `http://127.0.0.1:${gatewayPort}`], {
      env: { ...process.env, PLEDGEBOOK_ADMIN_PASSWORD: 'Offline-Admin-2026!' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(`${smoked.stdout}${smoked.stderr}`).toMatch(/smoke: OK/);
  }, 120_000);
});
