// Recording integration events on the embedded event store: a batch goes in one append per
// stream, in order; a batch that repeats events recorded before changes nothing and fails as a
// whole, and recording its events one at a time then adds only the new ones.
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { testCloudEvent } from '@pledgebook/message-bus/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordedIntegrationEvent, recordIntegrationEvent, recordIntegrationEvents } from './consumed-facts';

let dir: string;
let store: SqliteEventStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-facts-'));
  store = new SqliteEventStore(join(dir, 'events.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (bureauid: string, n: number) => ({ ...testCloudEvent(`k${n}`, n), bureauid });
const streamOf = (e: { bureauid: string }) => (e.bureauid === 'skip' ? undefined : `facts-${e.bureauid}`);
const kept = async (stream: string) => (await store.readStream(stream)).map((e) => recordedIntegrationEvent(e)!.sourceEventId);

describe('recording integration events', () => {
  it('appends a batch once per stream, in order, leaving out what names no stream; the same batch again adds nothing', async () => {
    const batch = [event('weihai', 0), event('qingdao', 1), event('skip', 2), event('weihai', 3), event('weihai', 4)];
    const head = await store.headPosition();
    await recordIntegrationEvents(store, 'test.consumer', batch, streamOf);
    expect(await kept('facts-weihai')).toEqual([batch[0]!.id, batch[3]!.id, batch[4]!.id]);
    expect(await kept('facts-qingdao')).toEqual([batch[1]!.id]);
    const written = (await store.readAll({ after: head, maxCount: 100 })).events;
    expect(written).toHaveLength(4);
    // Two appends, not four: the weihai events share one recorded time and run of positions.
    expect(new Set(written.filter((e) => e.stream === 'facts-weihai').map((e) => e.recordedAt)).size).toBe(1);
    await recordIntegrationEvents(store, 'test.consumer', batch, streamOf);
    expect((await store.readAll({ after: head, maxCount: 100 })).events).toHaveLength(4);
  });

  it('refuses a batch that overlaps events recorded before, writing nothing; one at a time then adds only the new', async () => {
    const first = [event('weihai', 0), event('weihai', 1)];
    await recordIntegrationEvents(store, 'test.consumer', first, streamOf);
    const overlapping = [...first, event('weihai', 2)];
    await expect(recordIntegrationEvents(store, 'test.consumer', overlapping, streamOf)).rejects.toThrow();
    expect(await kept('facts-weihai')).toEqual(first.map((e) => e.id));
    for (const e of overlapping) await recordIntegrationEvent(store, 'facts-weihai', 'test.consumer', e);
    expect(await kept('facts-weihai')).toEqual(overlapping.map((e) => e.id));
  });
});
