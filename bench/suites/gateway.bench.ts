import { startServiceProcess } from '@pledgebook/nest/testing';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { items, seedBureau, YEAR } from '../../apps/pledge-service/src/testing/fixtures';
import { startPledgeService } from '../../apps/pledge-service/src/testing/pledge-service.harness';
import { latencyRow, percentile, rate, rateRow, type BenchRow } from '../lib/measure';

const CLIENTS = 16;
const BLOCKS = 10;
const PER_BLOCK = 400;

/** `count` GETs of one URL by `clients` concurrent clients; returns each request's latency (ms). */
async function drive(url: string, token: string, clients: number, count: number): Promise<number[]> {
  const latencies: number[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < count) {
        issued += 1;
        const t = performance.now();
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`bench GET ${url}: ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

/**
 * The gateway's cost: the same GET of a pledge book at 16 concurrent clients, through the gateway
 * and straight to the pledge service, alternating in blocks so both see the same machine load.
 */
export async function gatewayBench(): Promise<BenchRow[]> {
  const pledge = await startPledgeService({ LOG_LEVEL: 'warn' });
  const gateway = await startServiceProcess(join(__dirname, '..', '..', 'apps', 'gateway', 'src', 'main.ts'), {
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGE_SERVICE_URL: pledge.baseUrl, PLEDGEBOOK_ADMIN_PASSWORD: 'Bench-Admin-Password-1', LOG_LEVEL: 'warn' },
  });
  try {
    const b = await seedBureau(pledge);
    const created = await pledge.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['wang'] }, items: [items[0], items[1]] });
    const path = `/api/v1/pledges/${created.body.pledgeId}`;
    const viaGateway = `${gateway.baseUrl}${path}`;
    const direct = `${pledge.baseUrl}${path}`;
    await drive(viaGateway, b.wang.token, CLIENTS, 200); // warm up both paths
    await drive(direct, b.wang.token, CLIENTS, 200);
    const times = { gateway: 0, direct: 0 };
    const latencies = { gateway: [] as number[], direct: [] as number[] };
    for (let block = 0; block < BLOCKS; block++) {
      const order = block % 2 === 0 ? (['gateway', 'direct'] as const) : (['direct', 'gateway'] as const);
      for (const which of order) {
        const t = performance.now();
        latencies[which].push(...(await drive(which === 'gateway' ? viaGateway : direct, b.wang.token, CLIENTS, PER_BLOCK)));
        times[which] += performance.now() - t;
      }
    }
    const total = BLOCKS * PER_BLOCK;
    return [
      rateRow(`gateway: GET a pledge book, ${CLIENTS} clients, through the gateway`, rate(total, times.gateway), rate(total, times.direct), 'the same GET straight to the pledge service', 0.8, 'requests/s'),
      latencyRow(`gateway: that GET through the gateway, p50`, percentile(latencies.gateway, 50), percentile(latencies.direct, 50), 'straight to the service, p50'),
      latencyRow(`gateway: that GET through the gateway, p99`, percentile(latencies.gateway, 99), percentile(latencies.direct, 99), 'straight to the service, p99'),
    ];
  } catch (error) {
    console.error(gateway.output().slice(-2000), pledge.output().slice(-2000));
    throw error;
  } finally {
    await gateway.close();
    await pledge.close();
  }
}
