import { getSQLiteEventStore, readMessagesBatch, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import { join } from 'node:path';
import { interleaved, rate, rateRow, type BenchRow } from '../lib/measure';
import { pledgeEvent } from '../lib/payload';

const SINGLE = 300;
const BATCHES = 30;
const STREAM_READS = 100;

const asEmmett = (n: number) => {
  const e = pledgeEvent(n);
  return { type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata };
};

/**
 * The same workloads through @event-driven-io/emmett-sqlite (on node-sqlite3, WAL), compared
 * with our port's figures from the same run: ratio = ours / peer, target: ahead (> 1).
 */
export async function emmettPeerBench(dir: string, ours: Record<string, number>, replayEvents: number): Promise<BenchRow[]> {
  const fileName = join(dir, 'emmett.db');
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
  let n = 0;
  const single = await interleaved(3, {
    peer: async () => {
      for (let i = 0; i < SINGLE; i++) await store.appendToStream(`single-${i % 50}`, [asEmmett(n++)]);
    },
  });
  const batch = await interleaved(3, {
    peer: async () => {
      for (let i = 0; i < BATCHES; i++) await store.appendToStream(`batch-${i % 10}`, Array.from({ length: 100 }, () => asEmmett(n++)));
    },
  });
  await store.appendToStream('read-1000', Array.from({ length: 1000 }, (_, i) => asEmmett(i)));
  const reads = await interleaved(3, {
    peer: async () => {
      for (let i = 0; i < STREAM_READS; i++) {
        const result = await store.readStream('read-1000');
        if (result.events.length !== 1000) throw new Error('emmett readStream returned a short stream');
      }
    },
  });
  // Replay from a store holding exactly as many events as ours.
  const replayFile = join(dir, 'emmett-replay.db');
  const replayStore = getSQLiteEventStore({ fileName: replayFile, schema: { autoMigration: 'CreateOrUpdate' } });
  for (let i = 0; i < replayEvents / 1000; i++) {
    await replayStore.appendToStream(`replay-${i % 200}`, Array.from({ length: 1000 }, (_, k) => asEmmett(i * 1000 + k)));
  }
  const connection = sqliteConnection({ fileName: replayFile });
  const replay = await interleaved(2, {
    peer: async () => {
      let after = 0n;
      let count = 0;
      for (;;) {
        const page = await readMessagesBatch(connection, { after, batchSize: 1000 });
        count += page.messages.length;
        if (page.messages.length < 1000) break;
        after = page.currentGlobalPosition;
      }
      if (count !== replayEvents) throw new Error(`emmett replayed ${count} of ${replayEvents}`);
    },
  });
  connection.close();
  const ahead = (name: string, value: number, peer: number) => {
    const row = rateRow(`vs emmett-sqlite 0.38.5: ${name}`, value, peer, 'emmett-sqlite, same workload', undefined);
    row.target = 'ratio > 1 (ahead)';
    row.met = row.ratio > 1;
    return row;
  };
  return [
    ahead('single-event append', ours['append.single']!, rate(SINGLE, single.peer!)),
    ahead('100-event batch append', ours['append.batch100']!, rate(BATCHES * 100, batch.peer!)),
    ahead('readStream of 1,000 events', ours['readStream.1000']!, rate(STREAM_READS * 1000, reads.peer!)),
    ahead(`readAll replay of ${replayEvents.toLocaleString('en')} events`, ours['readAll.replay']!, rate(replayEvents, replay.peer!)),
  ];
}
