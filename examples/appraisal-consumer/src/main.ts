// node -r @swc-node/register examples/appraisal-consumer/src/main.ts [--bus <url>] [--group <id>] [--until-idle-ms <n>]
// Prints every final appraisal result published on pledgebook.appraisal.v1, once each. The bus is
// the embedded one of `npm start` (sqlite:./data/bus.db) or Kafka (kafka://host:9092,host:9092);
// the consumer group keeps its place, so a second run prints only what is new.
import { openMessageBus } from '@pledgebook/infrastructure';
import { parseArgs } from 'node:util';
import { followFinalizedResults, formatResult } from './consumer';

const { values } = parseArgs({
  options: {
    bus: { type: 'string', default: 'sqlite:./data/bus.db' },
    group: { type: 'string', default: 'example-appraisal-consumer' },
    'until-idle-ms': { type: 'string' },
  },
});

async function main(): Promise<void> {
  const bus = await openMessageBus(values.bus!, { clientId: values.group! });
  let last = Date.now();
  const consumer = await followFinalizedResults(bus, values.group!, (result) => {
    last = Date.now();
    console.log(formatResult(result));
  });
  const stop = async () => {
    await consumer.stop();
    await bus.close();
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const idleMs = values['until-idle-ms'] ? Number(values['until-idle-ms']) : undefined;
  if (idleMs) {
    while (Date.now() - last < idleMs) await new Promise((r) => setTimeout(r, 100));
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
