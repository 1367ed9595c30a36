// Compose smoke: the four services from the image on the compose servers, each ready
// (/health/ready 200, every probe on its distributed engine). Needs Docker and the servers up:
//   docker compose -f docker/compose.yaml up -d --wait
//   node -r @swc-node/register tools/distributed/compose-smoke.ts
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const COMPOSE = ['compose', '-f', join(__dirname, '..', '..', 'docker', 'compose.yaml'), '--profile', 'app'];
const SERVICES = { 'pledge-service': 3101, 'review-service': 3102, 'appraisal-service': 3103, 'reward-service': 3104 } as const;
const ENGINES = { eventStore: 'EventStoreDB', messageBus: 'Kafka', readModels: 'MongoDB' } as const;

async function readiness(port: number): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3_000) });
    return { status: response.status, body: await response.json() };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const up = spawnSync('docker', [...COMPOSE, 'up', '-d', '--build', ...Object.keys(SERVICES)], { stdio: 'inherit' });
  if (up.status !== 0) process.exit(up.status ?? 1);
  const failures: string[] = [];
  for (const [service, port] of Object.entries(SERVICES)) {
    let last: Awaited<ReturnType<typeof readiness>>;
    for (let waited = 0; waited < 180_000; waited += 2_000) {
      last = await readiness(port);
      if (last?.status === 200) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const details = (last?.body as { details?: Record<string, { engine?: string }> } | undefined)?.details ?? {};
    const engines = Object.entries(ENGINES).every(([probe, engine]) => details[probe]?.engine === engine);
    const ok = last?.status === 200 && engines;
    console.log(`${service}: ${ok ? 'ready' : 'NOT ready'} ${JSON.stringify(last?.body ?? 'no answer')}`);
    if (!ok) failures.push(service);
  }
  if (failures.length > 0) {
    console.error(`not ready on the distributed profile: ${failures.join(', ')}`);
    process.exit(1);
  }
}

void main();
