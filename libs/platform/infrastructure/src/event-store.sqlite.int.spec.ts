import Database from 'better-sqlite3';
import { eventStoreContract, uniqueStream } from '@pledgebook/event-store/testing';
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreHarness, runScript, runToCompletion } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-es-'));
const file = join(dir, 'eventstore.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('sqlite', {
  ...eventStoreHarness(`sqlite:${file}`),
  async tamper(stream, revision) {
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE stream = ? AND revision = ?`).run(stream, revision);
    db.close();
  },
});

describe('sqlite event store across processes', () => {
  let store: SqliteEventStore;
  beforeAll(() => {
    store = new SqliteEventStore(file);
  });
  afterAll(() => store.close());

  it('wakes a subscriber in this process for events another process appends', async () => {
    const prefix = uniqueStream('xproc');
    const seen: number[] = [];
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const subscription = store.subscribeAll(
      { fromCheckpoint: await store.headPosition(), filter: { streamPrefixes: [prefix] } },
      async (events) => {
        seen.push(...events.map((e) => e.revision));
        if (seen.length === 5) resolveDone();
      },
    );
    await runToCompletion(runScript('racing-writer.script.ts', [`sqlite:${file}`, `${prefix}-a`, '5']));
    await done;
    await subscription.stop();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});
