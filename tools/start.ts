// `npm start`: runs every service as its own process on the embedded profile (data under
// PLEDGEBOOK_DATA_DIR, default ./data), restarts one that crashes, and stops all on Ctrl-C.
// `npm start -- --reset` deletes the data directory first.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = join(__dirname, '..');
const dataDir = resolve(root, process.env.PLEDGEBOOK_DATA_DIR ?? './data');
const portBase = Number(process.env.PLEDGEBOOK_SERVICE_PORT_BASE ?? 3100);
const host = process.env.PLEDGEBOOK_HOST ?? '127.0.0.1';
const register = require.resolve('@swc-node/register');

const gatewayPort = Number(process.env.PLEDGEBOOK_GATEWAY_PORT ?? 3000);

const services = [
  { name: 'gateway', port: gatewayPort },
  { name: 'pledge-service', port: portBase + 1 },
  { name: 'review-service', port: portBase + 2 },
  { name: 'appraisal-service', port: portBase + 3 },
  { name: 'reward-service', port: portBase + 4 },
];

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
  const child = spawn(process.execPath, ['-r', register, join(root, 'apps', service.name, 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, PLEDGEBOOK_DATA_DIR: dataDir, PORT: String(service.port), PLEDGEBOOK_GATEWAY_PORT: String(gatewayPort), PLEDGEBOOK_HOST: host },
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

async function main(): Promise<void> {
  if (process.argv.includes('--reset')) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`[start] --reset: removed ${dataDir}`);
  }
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
  console.log(`\nPledgebook is running (embedded profile, data in ${dataDir}):`);
  for (const service of services) console.log(`  ${service.name.padEnd(18)} http://${host}:${service.port}   (OpenAPI: /api/docs)`);
  console.log(`Log in: POST http://${host}:${gatewayPort}/api/v1/auth/login {"username":"admin","password":…}`);
  console.log('  (the password is PLEDGEBOOK_ADMIN_PASSWORD, or the one the gateway printed on its first start)');
  console.log('Press Ctrl-C to stop.\n');
}

void main();
