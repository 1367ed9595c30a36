import Database from 'better-sqlite3';
import { DuplicateEventId } from '@pledgebook/event-store';
import { testEvent, testEvents, uniqueStream } from '@pledgebook/event-store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-es-'));
const file = join(dir, 'eventstore.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withRawDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('sqlite event store specifics', () => {
  let store: SqliteEventStore;
  beforeAll(() => {
    store = new SqliteEventStore(file);
  });
  afterAll(() => store.close());

  it('lets the process answer timers and sockets while a subscription catches up on a backlog', async () => {
    const stream = uniqueStream();
    for (let i = 0; i < 20; i++) await store.append(stream, testEvents(50));
    const from = (await store.headPosition()) - 1_000;
    let handled = 0;
    let handledWhenTimerFired: number | undefined;
    let done!: () => void;
    const caughtUp = new Promise<void>((r) => (done = r));
    const subscription = store.subscribeAll({ fromCheckpoint: from, batchSize: 50, filter: { streamPrefixes: [stream] } }, async (events) => {
      handled += events.length;
      if (handled >= 1_000) done();
    });
    setTimeout(() => (handledWhenTimerFired = handled), 0);
    await caughtUp;
    await subscription.stop();
    // Without a turn of the event loop between batches, the timer would fire only after all 20.
    expect(handledWhenTimerFired).toBeDefined();
    expect(handledWhenTimerFired!).toBeLessThan(1_000);
  });

  it('keeps the file in WAL mode', () => {
    expect(withRawDb((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('rejects an event id already recorded in another stream, writing nothing', async () => {
    const event = testEvent();
    const first = uniqueStream();
    await store.append(first, [event]);
    const second = uniqueStream();
    await expect(store.append(second, [event])).rejects.toBeInstanceOf(DuplicateEventId);
    await expect(store.append(second, [testEvent(), event])).rejects.toBeInstanceOf(DuplicateEventId);
    expect(await store.readStream(second)).toEqual([]);
    expect(await store.streamRevision(second)).toBeUndefined();
  });

  it('reports a deleted tail as a gap at the first missing revision', async () => {
    const stream = uniqueStream();
    await store.append(stream, testEvents(4));
    withRawDb((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 3').run(stream));
    expect(await store.verifyStream(stream)).toMatchObject({ ok: false, firstBrokenRevision: 3, problem: 'revision_gap' });
  });

  it('reports a rewritten hash as a broken link at the next revision', async () => {
    const stream = uniqueStream();
    await store.append(stream, testEvents(3));
    withRawDb((db) => db.prepare(`UPDATE events SET hash = ? WHERE stream = ? AND revision = 1`).run('f'.repeat(64), stream));
    const result = await store.verifyStream(stream);
    expect(result.ok).toBe(false);
    expect(result.firstBrokenRevision).toBe(1);
  });
});
