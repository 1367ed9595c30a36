// `npm start`: runs every service as its own process on the embedded profile (data under
// PLEDGEBOOK_DATA_DIR, default ./data), restarts one that crashes, and stops all on Ctrl-C.
// `npm start -- --reset` deletes the data directory first. On first start it loads the demo
// bureau through the public API (PLEDGEBOOK_DEMO=0 starts empty).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_BUREAU } from './demo/demo-bureau';
import { loadDemo } from './demo/load-demo';

const root = join(__dirname, '..');
const dataDir = resolve(root, process.env.PLEDGEBOOK_DATA_DIR ?? './data');
const portBase = Number(process.env.PLEDGEBOOK_SERVICE_PORT_BASE ?? 3100);
const host = process.env.PLEDGEBOOK_HOST ?? '127.0.0.1';
// Compiled (the image, the offline bundle): the apps are JavaScript and need no TypeScript loader.
const compiled = __filename.endsWith('.js');
const serviceArgs = (name: string) => (compiled ? [join(root, 'apps', name, 'src', 'main.js')] : ['-r', require.resolve('@swc-node/register'), join(root, 'apps', name, 'src', 'main.ts')]);

const gatewayPort = Number(process.env.PLEDGEBOOK_GATEWAY_PORT ?? 3000);
const demoWanted = process.env.PLEDGEBOOK_DEMO !== '0';
/** PLEDGEBOOK_DEMO_PASSWORD_CHANGE=0 keeps the demo's shared password usable as it is (screenshots, benchmarks). */
const demoPasswordChange = process.env.PLEDGEBOOK_DEMO_PASSWORD_CHANGE !== '0';
const demoFile = join(dataDir, 'demo.json');
/** Set for this run when we choose the first admin password ourselves (printed once). */
let adminPassword = process.env.PLEDGEBOOK_ADMIN_PASSWORD;

const services = [
  { name: 'gateway', port: gatewayPort },
  { name: 'pledge-service', port: portBase + 1 },
  { name: 'review-service', port: portBase + 2 },
  { name: 'appraisal-service', port: portBase + 3 },
  { name: 'reward-service', port: portBase + 4 },
];

const consoleDir = join(root, 'apps', 'console');

/** The web console is built on demand (not by `npm ci`): when apps/console/dist is missing, Vite builds it now. */
function ensureConsoleBuilt(): boolean {
  if (existsSync(join(consoleDir, 'dist', 'index.html'))) return true;
  if (compiled) return false; // a build ships the console it was built with, or none
  console.log('[start] building the web console (apps/console/dist is missing)…');
  const built = spawnSync(process.execPath, [join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: consoleDir, stdio: 'inherit' });
  if (built.status !== 0) console.error('[start] the web console could not be built; the APIs run without it (npm run console:build shows why)');
  return built.status === 0;
}

let stopping = false;
const running = new Map<string, ChildProcess>();

function prefixLines(name: string, stream: NodeJS.ReadableStream | null, out: NodeJS.WritableStream): void {
  let buffer = '';
  stream?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

function launch(service: (typeof services)[number], crashes: number[] = []): void {
  const child = spawn(process.execPath, serviceArgs(service.name), {
    cwd: root,
    env: {
      ...process.env,
      PLEDGEBOOK_DATA_DIR: dataDir,
      PORT: String(service.port),
      PLEDGEBOOK_GATEWAY_PORT: String(gatewayPort),
      PLEDGEBOOK_HOST: host,
      ...(adminPassword ? { PLEDGEBOOK_ADMIN_PASSWORD: adminPassword } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.set(service.name, child);
  prefixLines(service.name, child.stdout, process.stdout);
  prefixLines(service.name, child.stderr, process.stderr);
  child.once('exit', (code, signal) => {
    running.delete(service.name);
    if (stopping) return;
    const now = Date.now();
    const recent = [...crashes.filter((t) => now - t < 60_000), now];
    const delay = Math.min(30_000, 500 * 2 ** (recent.length - 1));
    console.error(`[start] ${service.name} exited (${signal ?? code}); restarting in ${delay} ms`);
    setTimeout(() => launch(service, recent), delay);
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}:${port}/health/live`);
    return response.ok;
  } catch {
    return false;
  }
}

async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping…');
  const exits = [...running.values()].map(
    (child) =>
      new Promise<void>((done) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
  process.exit(0);
}

interface DemoState {
  password: string;
  loadedAt?: string;
}

/** First start: loads the demo bureau through the gateway; later starts only print its accounts. */
async function demo(firstStart: boolean): Promise<DemoState | undefined> {
  if (!demoWanted) return undefined;
  let state: DemoState | undefined = existsSync(demoFile) ? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoState) : undefined;
  if (!state && !firstStart) return undefined; // started empty before: leave it so
  if (state?.loadedAt) return state;
  state ??= { password: `Demo-${randomBytes(9).toString('base64url')}` };
  writeFileSync(demoFile, JSON.stringify(state), { mode: 0o600 });
  if (!adminPassword) {
    console.error('[start] the demo is not loaded yet and the admin password is unknown: set PLEDGEBOOK_ADMIN_PASSWORD, or start over with --reset');
    return undefined;
  }
  console.log('[start] loading the demo bureau through the public API…');
  try {
    await loadDemo({ gatewayUrl: `http://${host}:${gatewayPort}`, adminPassword, demoPassword: state.password, forcePasswordChange: demoPasswordChange, log: (line) => console.log(`[demo] ${line}`) });
  } catch (error) {
    console.error(`[start] the demo bureau could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  state.loadedAt = new Date().toISOString();
  writeFileSync(demoFile, JSON.stringify(state), { mode: 0o600 });
  return state;
}

async function main(): Promise<void> {
  if (process.argv.includes('--reset')) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`[start] --reset: removed ${dataDir}`);
  }
  mkdirSync(dataDir, { recursive: true });
  const firstStart = !existsSync(join(dataDir, 'gateway.db'));
  if (firstStart && !adminPassword) {
    adminPassword = randomBytes(12).toString('base64url');
    console.log(`[start] first start: the system admin is "admin" with password ${adminPassword} (shown once; set PLEDGEBOOK_ADMIN_PASSWORD to choose it)`);
  }
  const consoleBuilt = ensureConsoleBuilt();
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());
  // The gateway first: it creates the signing key whose public half the services trust.
  launch(services[0]!);
  for (let waited = 0; waited < 60_000 && !(await healthy(gatewayPort)); waited += 250) await new Promise((r) => setTimeout(r, 250));
  for (const service of services.slice(1)) launch(service);
  for (let waited = 0; waited < 120_000; waited += 250) {
    const states = await Promise.all(services.map((s) => healthy(s.port)));
    if (states.every(Boolean)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const demoState = await demo(firstStart);
  console.log(`\nPledgebook is running (embedded profile, data in ${dataDir}):`);
  if (consoleBuilt) console.log(`  Console:  http://${host}:${gatewayPort}/`);
  console.log(`  API:      http://${host}:${gatewayPort}/api/v1   (one OpenAPI document: http://${host}:${gatewayPort}/api/docs)`);
  for (const service of services.slice(1)) console.log(`  ${service.name.padEnd(18)} http://${host}:${service.port}   (health, metrics; reached through the gateway)`);
  console.log(`Log in: POST http://${host}:${gatewayPort}/api/v1/auth/login {"username":…,"password":…}`);
  console.log('  system admin: admin (PLEDGEBOOK_ADMIN_PASSWORD, or the password printed on the first start)');
  if (demoState?.loadedAt) {
    console.log(`  demo bureau ${DEMO_BUREAU.bureauId} (${DEMO_BUREAU.name}), accounts sharing the password ${demoState.password}${demoPasswordChange ? ' (an initial password: each account sets its own at first sign-in)' : ''}:`);
    console.log(`    ${DEMO_ACCOUNTS.map((a) => `${a.username} (${a.roles.at(-1)})`).join(', ')}; every other member logs in with their member id`);
  }
  console.log('Press Ctrl-C to stop.\n');
}

void main();
