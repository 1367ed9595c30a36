import { openEventStore } from '@pledgebook/infrastructure';
import { foldPledge, initialPledgeState, type PledgeEvent } from '@pledgebook/pledge-domain';
import { newId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eventually, items, seedBureau, today, YEAR } from '../../apps/pledge-service/src/testing/fixtures';
import { startPledgeService } from '../../apps/pledge-service/src/testing/pledge-service.harness';
import { approveAndPublish } from '../../apps/pledge-service/src/testing/review-events';
import { latencyRow, percentile, rate, rateRow, type BenchRow } from '../lib/measure';
import { pledgeEvent } from '../lib/payload';
import { RawSqlite } from '../lib/raw-sqlite';

const CLIENTS = 8;
const PER_CLIENT = 15;

/** Runs `n` jobs with `clients` running at once. */
async function concurrently(clients: number, jobs: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  }));
}

/**
 * The pledge service as a process, driven over HTTP: create + submit + progress commands per
 * second with 8 clients, against the raw durable append rate; and the time to replay a pledge of
 * 1,000 events as of a moment (GET ?asOf=), against raw SELECT + JSON.parse of its rows.
 */
export async function pledgeApiBench(dir: string): Promise<BenchRow[]> {
  const h = await startPledgeService();
  try {
    const b = await seedBureau(h);
    // Progress needs published books: prepare one per client, published through the bus.
    const published: string[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const created = await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'li'] }, items: [items[2]] });
      await h.call(b.wang, 'POST', `/api/v1/pledges/${created.body.pledgeId}/submit`);
      await approveAndPublish(h.dataDir, created.body.pledgeId);
      published.push(created.body.pledgeId);
    }
    for (const id of published) await eventually(() => h.call(b.wang, 'GET', `/api/v1/pledges/${id}`), (r) => r.body.status === 'published');

    const expectStatus = (status: number, r: { status: number; body: unknown }) => {
      if (r.status !== status) throw new Error(`bench command failed: ${r.status} ${JSON.stringify(r.body)}`);
    };
    const jobs = Array.from({ length: CLIENTS * PER_CLIENT }, (_, n) => async () => {
      const created = await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'li'] }, items: [items[2]] });
      expectStatus(201, created);
      expectStatus(200, await h.call(b.wang, 'POST', `/api/v1/pledges/${created.body.pledgeId}/submit`));
      expectStatus(201, await h.call(b.wang, 'POST', `/api/v1/pledges/${published[n % CLIENTS]}/progress`, { itemNo: 1, recordedOn: today(), narrative: '走訪幫扶對象', peopleAided: 1, amountFen: 5000 }));
    });
    const start = performance.now();
    await concurrently(CLIENTS, jobs);
    const apiRate = rate(jobs.length * 3, performance.now() - start);

    const raw = new RawSqlite(join(dir, 'api-raw.db'));
    const rawStart = performance.now();
    for (let i = 0; i < 300; i++) raw.append(`s-${i % 50}`, [pledgeEvent(i)]);
    const rawRate = rate(300, performance.now() - rawStart);
    raw.close();

    // A pledge with 1,000 events: published (4 events), then 996 fulfilment records appended to its stream.
    const target = await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'li'] }, items: [items[2]] });
    const pledgeId = target.body.pledgeId as string;
    await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`);
    await approveAndPublish(h.dataDir, pledgeId);
    await eventually(() => h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'published');
    const store = await openEventStore(`sqlite:${join(h.dataDir, 'eventstore.db')}`);
    const metadata = { bureauId: 'weihai', actorId: 'wang', actorRole: 'member', correlationId: newId(), causationId: newId() };
    for (let batch = 0; batch < 5; batch++) {
      const events = Array.from({ length: batch < 4 ? 200 : 196 }, (_, i) => ({
        type: 'ProgressRecorded',
        data: { pledgeId, recordId: newId(), itemNo: 1, recordedOn: today(), narrative: `第${batch * 200 + i}次走訪`, evidence: [], peopleAided: 1, amountFen: 100, recordedBy: 'wang', recordedAt: new Date().toISOString() },
        metadata,
      }));
      await store.append(`pledge-${pledgeId}`, events);
    }
    await store.close();
    const asOf = encodeURIComponent(new Date().toISOString());
    const timings: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await h.call(b.auditor, 'GET', `/api/v1/pledges/${pledgeId}?asOf=${asOf}`);
      timings.push(performance.now() - t);
      if (r.body.revision !== 999) throw new Error(`expected 1,000 events, got revision ${r.body.revision}`);
    }
    // The replay itself, on the service's code path (PledgeRepository): read as of, then fold.
    const replayStore = await openEventStore(`sqlite:${join(h.dataDir, 'eventstore.db')}`);
    const replays: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const events = await replayStore.readStream(`pledge-${pledgeId}`, { asOf: decodeURIComponent(asOf) });
      const state = foldPledge(events.map((e) => ({ type: e.type, data: e.data }) as PledgeEvent), { ...initialPledgeState(), pledgeId });
      replays.push(performance.now() - t);
      if (Object.keys(state.records).length !== 996) throw new Error('replay folded the wrong number of records');
    }
    await replayStore.close();
    const db = new Database(join(h.dataDir, 'eventstore.db'), { readonly: true });
    const rawRead: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const rows = db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(`pledge-${pledgeId}`) as { data: string; metadata: string }[];
      for (const row of rows) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      }
      rawRead.push(performance.now() - t);
    }
    db.close();
    return [
      rateRow(`pledge API: create + submit + progress over HTTP, ${CLIENTS} clients`, apiRate, rawRate, 'raw better-sqlite3 1-row insert txn', undefined, 'commands/s'),
      latencyRow('pledge: asOf replay of a 1,000-event pledge (read as of + fold), p50', percentile(replays, 50), percentile(rawRead, 50), 'raw SELECT + JSON.parse of its rows, p50', 20),
      latencyRow('pledge API: GET ?asOf= of that pledge over HTTP (≈250 KB JSON), p50', percentile(timings, 50), percentile(rawRead, 50), 'raw SELECT + JSON.parse of its rows, p50'),
    ];
  } catch (error) {
    console.error(h.output().slice(-3000));
    throw error;
  } finally {
    await h.close();
  }
}
