import type { EventStore } from '@pledgebook/event-store';
import { openEventStore } from '@pledgebook/infrastructure';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { alternating, interleaved, rate, rateRow, type BenchRow } from '../lib/measure';
import { pledgeEvent } from '../lib/payload';
import { RawSqlite, rawReadRows } from '../lib/raw-sqlite';

export interface EventStoreBenchContext {
  dir: string;
  /** A store already holding `replayEvents` events, shared with the peer suite's comparisons. */
  replayEvents: number;
}

/** The baseline reads the same columns the port returns for each event. */
const ROW = 'position, id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash';
const SINGLE = 900;
const BATCHES = 90;
const STREAM_READS = 100;

export async function eventStoreBench(ctx: EventStoreBenchContext): Promise<{ rows: BenchRow[]; figures: Record<string, number> }> {
  const rows: BenchRow[] = [];
  const figures: Record<string, number> = {};
  const store = await openEventStore(`sqlite:${join(ctx.dir, 'port.db')}`);
  const raw = new RawSqlite(join(ctx.dir, 'raw.db'));

  // Single-event durable appends: one transaction (one fsync) each, alternating in blocks of 10.
  let n = 0;
  const single = await alternating(SINGLE / 10, {
    port: async (block) => {
      for (let i = 0; i < 10; i++) await store.append(`single-${(block * 10 + i) % 50}`, [pledgeEvent(n++)]);
    },
    raw: (block) => {
      for (let i = 0; i < 10; i++) raw.append(`single-${(block * 10 + i) % 50}`, [pledgeEvent(n++)]);
    },
  });
  figures['append.single'] = rate(SINGLE, single.port!);
  rows.push(rateRow('event store: single-event durable append', figures['append.single'], rate(SINGLE, single.raw!), 'raw better-sqlite3 1-row insert txn', 0.7));

  // 100-event batches, alternating one batch at a time.
  const batch = await alternating(BATCHES, {
    port: async (block) => {
      await store.append(`batch-${block % 10}`, Array.from({ length: 100 }, () => pledgeEvent(n++)));
    },
    raw: (block) => {
      raw.append(`batch-${block % 10}`, Array.from({ length: 100 }, () => pledgeEvent(n++)));
    },
  });
  figures['append.batch100'] = rate(BATCHES * 100, batch.port!);
  rows.push(rateRow('event store: 100-event batch append', figures['append.batch100'], rate(BATCHES * 100, batch.raw!), 'raw better-sqlite3 100-row insert txn', 0.5));

  // readStream of a 1,000-event stream, against raw SELECT + JSON.parse of the same rows.
  await store.append('read-1000', Array.from({ length: 1000 }, (_, i) => pledgeEvent(i)));
  const reader = new Database(join(ctx.dir, 'port.db'), { readonly: true });
  const readStream = await interleaved(3, {
    port: async () => {
      for (let i = 0; i < STREAM_READS; i++) await store.readStream('read-1000');
    },
    raw: () => {
      for (let i = 0; i < STREAM_READS; i++) rawReadRows(reader, `SELECT ${ROW} FROM events WHERE stream = ? ORDER BY revision`, 'read-1000');
    },
  });
  figures['readStream.1000'] = rate(STREAM_READS * 1000, readStream.port!);
  rows.push(rateRow('event store: readStream of 1,000 events', figures['readStream.1000'], rate(STREAM_READS * 1000, readStream.raw!), 'raw SELECT + JSON.parse', 0.5));

  // readAll replay of the replay store, in bounded batches.
  const replayStore = await openEventStore(`sqlite:${join(ctx.dir, 'replay.db')}`);
  const replayReader = new Database(join(ctx.dir, 'replay.db'), { readonly: true });
  const replay = await interleaved(2, {
    port: async () => {
      let after: number | undefined;
      let count = 0;
      for (;;) {
        const page = await replayStore.readAll({ after, maxCount: 1000 });
        count += page.events.length;
        if (page.events.length < 1000) break;
        after = page.lastPosition;
      }
      if (count !== ctx.replayEvents) throw new Error(`replayed ${count} of ${ctx.replayEvents}`);
    },
    raw: () => {
      let after = 0;
      for (;;) {
        const rows = replayReader.prepare(`SELECT ${ROW} FROM events WHERE position > ? ORDER BY position LIMIT 1000`).all(after) as {
          position: number;
          data: string;
          metadata: string;
        }[];
        for (const row of rows) {
          JSON.parse(row.data);
          JSON.parse(row.metadata);
        }
        if (rows.length < 1000) break;
        after = rows[rows.length - 1]!.position;
      }
    },
  });
  figures['readAll.replay'] = rate(ctx.replayEvents, replay.port!);
  const replayRow = rateRow(
    `event store: readAll replay of ${ctx.replayEvents.toLocaleString('en')} events`,
    figures['readAll.replay'],
    rate(ctx.replayEvents, replay.raw!),
    'raw SELECT + JSON.parse',
    0.5,
  );
  replayRow.target = 'ratio ≥ 0.5 and ≥ 200,000 events/s';
  // Context for the absolute figure: how fast SQLite hands over these rows before any parsing.
  const fetchOnly = replayReader.prepare(`SELECT ${ROW} FROM events WHERE position > ? ORDER BY position LIMIT 1000`).raw(true);
  const fetchStart = performance.now();
  for (let after = 0; ; ) {
    const rows = fetchOnly.all(after) as number[][];
    if (rows.length < 1000) break;
    after = rows[rows.length - 1]![0]!;
  }
  const fetchRate = rate(ctx.replayEvents, performance.now() - fetchStart);
  replayRow.note = `raw SELECT of the same rows without JSON.parse: ${Math.round(fetchRate).toLocaleString('en')} rows/s on this machine (events average ${averageEventBytes(replayReader)} bytes of JSON)`;
  replayRow.met = replayRow.ratio >= 0.5 && figures['readAll.replay'] >= 200_000;
  rows.push(replayRow);

  reader.close();
  replayReader.close();
  raw.close();
  await replayStore.close();
  await store.close();
  return { rows, figures };
}

function averageEventBytes(db: Database.Database): number {
  const row = db.prepare('SELECT avg(length(data) + length(metadata)) AS n FROM events').get() as { n: number };
  return Math.round(row.n);
}

/** Fills a store with `count` events in 1,000-event batches over 200 streams. */
export async function fillReplayStore(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < count / 1000; i++) {
    await store.append(`replay-${i % 200}`, Array.from({ length: 1000 }, (_, k) => pledgeEvent(i * 1000 + k)));
  }
}
