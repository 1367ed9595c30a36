// The gateway's readiness covers what the outside subscriptions depend on: the bus they read, the
// document store that holds them and the event store of the bureau facts. A gateway whose bus
// does not answer is live but not ready, and says which engine is down.
import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, freePort } from './testing/processes';

const GATEWAY = join(__dirname, '..', 'main.ts');

describe('gateway readiness', () => {
  const dirs: string[] = [];
  const started: Harness[] = [];
  const gateway = async (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pledgebook-ready-'));
    dirs.push(dataDir);
    const g = await startServiceProcess(GATEWAY, { dataDir, portVariable: 'PLEDGEBOOK_GATEWAY_PORT', trustTestKey: false, env: { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env } });
    started.push(g);
    return g;
  };

  afterAll(async () => {
    await Promise.all(started.map((g) => g.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('is ready when the bus, the document store and the event store answer, each named with its engine', async () => {
    const g = await gateway({});
    const ready = await g.call(undefined, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({
      accounts: { status: 'up' },
      eventStore: { status: 'up', engine: 'SQLite', head: expect.any(Number) },
      messageBus: { status: 'up', engine: 'SQLite' },
      readModels: { status: 'up', engine: 'SQLite' },
    });
  }, 60_000);

  it('is not ready (503, naming the engine) while the bus it reads does not answer, and stays live', async () => {
    const g = await gateway({ BUS_URL: `kafka://127.0.0.1:${await freePort()}` });
    const ready = await g.call(undefined, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { messageBus: { status: 'down', engine: 'Kafka', message: expect.stringMatching(/Kafka/) } } });
    expect(ready.body.details).toMatchObject({ readModels: { status: 'up' }, eventStore: { status: 'up' } });
    expect((await g.call(undefined, 'GET', '/health/live')).status).toBe(200);
  }, 60_000);
});
