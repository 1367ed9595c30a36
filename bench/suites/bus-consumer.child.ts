// Consumer side of the bus benchmark, in its own process: joins a group, records each message's
// latency (now − sentAt, both from the wall clock with sub-millisecond precision) and reports
// a JSON summary once it has `expected` messages.
import { openMessageBus } from '@pledgebook/infrastructure';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const [url, topic, groupId, expected] = process.argv.slice(2) as [string, string, string, string];
  const bus = await openMessageBus(url);
  const latencies: number[] = [];
  let first = 0;
  const consumer = await bus.consume({ groupId, topics: [topic], maxBatch: 500 }, async (batch) => {
    const at = now();
    if (first === 0) first = at;
    for (const m of batch) latencies.push(at - (m.value.data as { sentAt: number }).sentAt);
    if (latencies.length === Number(expected)) {
      // Pipes are asynchronous: exit only once the report has been handed over.
      process.stdout.write(`${JSON.stringify({ latencies, firstAt: first, lastAt: at })}\n`, () => {
        setImmediate(() => void consumer.stop().then(() => bus.close()).then(() => process.exit(0)));
      });
    }
  });
  process.stdout.write('joined\n');
}

void main();
