// A service started on the distributed profile while no server listens: it must come up, log
// only the process's JSON lines (the Kafka client's included), and answer readiness with a 503
// that names each unreachable engine, within the probes' deadline. The reward service is the
// one whose start waits for no store (it has no runtime yet): services whose runtimes prepare
// their views at start wait for the stores before they listen.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REGISTER = require.resolve('@swc-node/register');
const MAIN = join(__dirname, '..', '..', 'apps', 'reward-service', 'src', 'main.ts');

/** A port nothing listens on: bound by us, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('a service whose servers are all down', () => {
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let baseUrl = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-unreachable-'));

  beforeAll(async () => {
    const [http, esdb, kafka, mongo] = await Promise.all([closedPort(), closedPort(), closedPort(), closedPort()]);
    baseUrl = `http://127.0.0.1:${http}`;
    child = spawn(process.execPath, ['-r', REGISTER, MAIN], {
      env: {
        ...process.env,
        PORT: String(http),
        PLEDGEBOOK_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        EVENTSTORE_URL: `esdb://127.0.0.1:${esdb}?tls=false`,
        BUS_URL: `kafka://127.0.0.1:${kafka}`,
        READMODEL_URL: `mongodb://127.0.0.1:${mongo}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    for (let waited = 0; ; waited += 100) {
      if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${stdout}\n${stderr}`);
      if (waited > 60_000) throw new Error(`the service did not start:\n${stdout}\n${stderr}`);
      if (await fetch(`${baseUrl}/health/live`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers readiness with 503 naming EventStoreDB, Kafka and MongoDB, within a few seconds', async () => {
    const started = Date.now();
    const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(elapsed).toBeLessThan(3_000);
    const body = (await response.json()) as { status: string; error: Record<string, { status: string; engine: string; message: string }> };
    expect(body.status).toBe('error');
    expect(body.error).toMatchObject({
      eventStore: { status: 'down', engine: 'EventStoreDB' },
      messageBus: { status: 'down', engine: 'Kafka' },
      readModels: { status: 'down', engine: 'MongoDB' },
    });
    for (const down of Object.values(body.error)) expect(down.message).toContain(down.engine);
    // Asked again, it still answers: a broker down at start did not leave the bus rejecting for good.
    const again = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    expect(again.status).toBe(503);
  }, 20_000);

  it("prints only JSON lines, the Kafka client's among them", async () => {
    for (let waited = 0; !stdout.includes('"component":"kafkajs"') && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const lines = stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as { level?: string; component?: string; service?: string };
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
    expect(parsed.every((entry) => entry.service === 'reward-service' && typeof entry.level === 'string')).toBe(true);
    expect(parsed.some((entry) => entry.component === 'kafkajs')).toBe(true);
    expect(stderr).toBe('');
  }, 20_000);
});
