// `npm run test:distributed`: everything that needs the distributed profile's servers — each
// adapter's contract suite, the relay and consumer kill tests, and the pledge → review flow with
// the services as processes. URLs come from the environment; unset ones default to
// docker/compose.yaml's addresses. Without servers `npm test` reports these suites as skipped.
import { spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { join } from 'node:path';

const defaults = {
  TEST_ESDB_URL: 'esdb://localhost:2113?tls=false',
  TEST_KAFKA_URL: 'kafka://localhost:9092',
  TEST_MONGODB_URL: 'mongodb://localhost:27017/?directConnection=true',
} as const;

/** The suites that run only against the servers (each skips itself, naming its variables, without them). */
export const DISTRIBUTED_SUITES = '(infrastructure/src/.*\\.(esdb|kafka|mongodb)\\.int|tools/distributed/.*\\.distributed\\.e2e)\\.spec\\.ts$';

function reachable(url: string): Promise<boolean> {
  const match = /^[a-z+]+:\/\/([^/,?]+)/.exec(url);
  const [host, port] = (match?.[1] ?? '').split(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host: host || 'localhost', port: Number(port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const missing: string[] = [];
  for (const [name, fallback] of Object.entries(defaults)) {
    env[name] ??= fallback;
    const ok = await reachable(env[name]!);
    console.log(`${name}=${env[name]} ${ok ? '(reachable)' : '(NOT reachable)'}`);
    if (!ok) missing.push(name);
  }
  if (missing.length > 0) {
    console.error(`\nNo server answers for ${missing.join(', ')}. Start them with:\n  docker compose -f docker/compose.yaml up -d --wait\n`);
    process.exit(1);
  }
  const jest = join(__dirname, '..', 'node_modules', '.bin', 'jest');
  const run = spawnSync(jest, ['--testPathPatterns', DISTRIBUTED_SUITES, '--runInBand'], { stdio: 'inherit', env });
  process.exit(run.status ?? 1);
}

if (require.main === module) void main();
