import { openMessageBus } from '@pledgebook/infrastructure';
import { testCloudEvent } from '@pledgebook/message-bus/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { latencyRow, percentile, rate, rateRow, type BenchRow } from '../lib/measure';
import { RawSqlite } from '../lib/raw-sqlite';
import { pledgeEvent } from '../lib/payload';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ConsumerReport {
  latencies: number[];
  firstAt: number;
  lastAt: number;
}

function startConsumer(url: string, topic: string, groupId: string, expected: number): { joined: Promise<void>; report: Promise<ConsumerReport> } {
  const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), join(__dirname, 'bus-consumer.child.ts'), url, topic, groupId, String(expected)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  let joinedResolve!: () => void;
  const joined = new Promise<void>((r) => (joinedResolve = r));
  const report = new Promise<ConsumerReport>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'joined') joinedResolve();
        else if (line.startsWith('{')) resolve(JSON.parse(line) as ConsumerReport);
      }
    });
    child.once('exit', (code) => reject(new Error(`bench consumer exited (${code}) before reporting`)));
  });
  return { joined, report };
}

/** Publishes `count` messages at `perSecond`, each carrying its send time; due messages go out together. */
async function publishAtRate(url: string, topic: string, count: number, perSecond: number): Promise<void> {
  const bus = await openMessageBus(url);
  const start = now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((now() - start) / 1000) * perSecond) + 1);
    if (due > sent) {
      const batch = [];
      for (; sent < due; sent++) {
        const key = `pledge-${sent % 64}`;
        batch.push({ key, value: testCloudEvent(key, sent, { sentAt: now() } as never) });
      }
      await bus.publish(topic, batch);
    }
    const next = start + ((sent + 0) / perSecond) * 1000;
    await sleep(Math.max(0, next - now()));
  }
  await bus.close();
}

export async function busBench(dir: string): Promise<BenchRow[]> {
  const url = `sqlite:${join(dir, 'bus.db')}`;

  // Baseline latency: one durable single-row commit with the same pragmas.
  const raw = new RawSqlite(join(dir, 'bus-raw.db'));
  const commit: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = now();
    raw.append(`k-${i % 64}`, [pledgeEvent(i)]);
    commit.push(now() - t);
  }

  // Latency at a fixed 1,000 messages/s, publisher and consumer in different processes.
  const count = 3000;
  const fixed = startConsumer(url, 'bench.latency', 'bench-latency', count);
  await fixed.joined;
  await sleep(1200); // let the group's first heartbeat take every partition
  await publishAtRate(url, 'bench.latency', count, 1000);
  const latency = (await fixed.report).latencies;

  // Throughput: publish 20,000 messages in batches of 100 as fast as possible.
  const total = 20_000;
  const flat = startConsumer(url, 'bench.throughput', 'bench-throughput', total);
  await flat.joined;
  await sleep(1200);
  const bus = await openMessageBus(url);
  const publishStart = now();
  for (let i = 0; i < total; i += 100) {
    await bus.publish(
      'bench.throughput',
      Array.from({ length: 100 }, (_, k) => ({ key: `pledge-${(i + k) % 64}`, value: testCloudEvent(`pledge-${(i + k) % 64}`, i + k, { sentAt: now() } as never) })),
    );
  }
  const throughputReport = await flat.report;
  const busRate = rate(total, throughputReport.lastAt - publishStart);
  await bus.close();

  const rawStart = now();
  for (let i = 0; i < total; i += 100) raw.append(`t-${i % 64}`, Array.from({ length: 100 }, (_, k) => pledgeEvent(i + k)));
  const rawRate = rate(total, now() - rawStart);
  raw.close();

  return [
    rateRow('bus: publish → consume across 2 processes, throughput', busRate, rawRate, 'raw better-sqlite3 100-row insert txns', undefined, 'msgs/s'),
    latencyRow('bus: latency p50 at 1,000 msgs/s', percentile(latency, 50), percentile(commit, 50), 'raw durable 1-row commit p50'),
    latencyRow('bus: latency p99 at 1,000 msgs/s', percentile(latency, 99), percentile(commit, 99), 'raw durable 1-row commit p99', 50),
  ];
}
