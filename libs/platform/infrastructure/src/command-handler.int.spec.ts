// The one write path on a real SQLite event store: one read per write, access before deciding,
// If-Match, retried conflicts, idempotent retries, and nothing appended when anything refuses.
import { DeciderCommandHandler, eventIdFor, WrongExpectedRevision, type Decider, type EventMetadata, type EventStore, type RecordedEvent } from '@pledgebook/event-store';
import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Event = { type: 'Added'; data: { n: number } };
type Command = { type: 'Add'; n: number };
interface State { total: number; count: number }

class Refused extends Error {}

const counter: Decider<Command, Event, State> = {
  initialState: () => ({ total: 0, count: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.n, count: s.count + 1 }),
  decide: (c, s) => {
    if (c.n <= 0) throw new Refused('n must be positive');
    if (s.total + c.n > 100) throw new Refused('over the limit');
    return [{ type: 'Added', data: { n: c.n } }];
  },
};

const metadata: EventMetadata = { bureauId: 'b', actorId: 'a', actorRole: 'member', correlationId: 'c', causationId: 'c' };

/** Counts reads of the event store, and can slip a rival write in right after a read. */
function instrumented(store: EventStore) {
  const counts = { reads: 0 };
  let rival: (() => Promise<void>) | undefined;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          counts.reads += 1;
          const events: RecordedEvent[] = await target.readStream(...args);
          const pending = rival;
          rival = undefined;
          if (pending) await pending();
          return events;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, counts, interleave: (write: () => Promise<void>) => (rival = write) };
}

let dir: string;
let raw: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-handler-'));
  raw = new SqliteEventStore(join(dir, 'events.db'));
});
afterEach(async () => {
  await raw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DeciderCommandHandler', () => {
  it('reads the stream once per write and appends with the revision it read', async () => {
    const { store, counts } = instrumented(raw);
    const handler = new DeciderCommandHandler(store, counter);
    const first = await handler.handle({ stream: 'counter-1', command: { type: 'Add', n: 5 }, metadata });
    expect(first).toMatchObject({ revision: 0, state: { total: 5, count: 1 }, repeated: false });
    const second = await handler.handle({ stream: 'counter-1', command: async ({ state }) => ({ type: 'Add', n: state.total }), metadata });
    expect(second).toMatchObject({ revision: 1, state: { total: 10, count: 2 } });
    expect(counts.reads).toBe(2);
  });

  it('appends nothing when access is refused or the decider refuses', async () => {
    const handler = new DeciderCommandHandler(raw, counter);
    await handler.handle({ stream: 'counter-2', command: { type: 'Add', n: 1 }, metadata });
    await expect(handler.handle({ stream: 'counter-2', command: { type: 'Add', n: 1 }, metadata, access: () => { throw new Refused('outside your bureau'); } })).rejects.toThrow('outside your bureau');
    await expect(handler.handle({ stream: 'counter-2', command: { type: 'Add', n: 500 }, metadata })).rejects.toBeInstanceOf(Refused);
    expect(await raw.readStream('counter-2')).toHaveLength(1);
  });

  it('refuses a stale If-Match without appending', async () => {
    const handler = new DeciderCommandHandler(raw, counter);
    await handler.handle({ stream: 'counter-3', command: { type: 'Add', n: 1 }, metadata });
    await expect(handler.handle({ stream: 'counter-3', command: { type: 'Add', n: 1 }, metadata, expectedRevision: 5 })).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(await raw.readStream('counter-3')).toHaveLength(1);
  });

  it('decides again on the fresh state when another writer got in first, if the command allows', async () => {
    const { store, counts, interleave } = instrumented(raw);
    const handler = new DeciderCommandHandler(store, counter);
    interleave(async () => void (await raw.append('counter-4', [{ type: 'Added', data: { n: 98 }, metadata }], { expectedRevision: 'any' })));
    const result = await handler.handle({ stream: 'counter-4', command: { type: 'Add', n: 1 }, metadata, retryOnConflict: 2 });
    expect(result).toMatchObject({ revision: 1, state: { total: 99 } });
    expect(counts.reads).toBe(2);
    // Without retries the conflict reaches the caller, and the rival's write stands alone.
    interleave(async () => void (await raw.append('counter-4', [{ type: 'Added', data: { n: 1 }, metadata }], { expectedRevision: 'any' })));
    await expect(handler.handle({ stream: 'counter-4', command: { type: 'Add', n: 1 }, metadata })).rejects.toBeInstanceOf(WrongExpectedRevision);
    // The retry re-decides: now over the limit, so it fails on the rules, not on the race.
    interleave(async () => void (await raw.append('counter-4', [{ type: 'Added', data: { n: 1 }, metadata }], { expectedRevision: 'any' })));
    await expect(handler.handle({ stream: 'counter-4', command: { type: 'Add', n: 1 }, metadata, retryOnConflict: 1 })).rejects.toBeInstanceOf(Refused);
    expect((await raw.readStream('counter-4')).map((e) => (e.data as { n: number }).n)).toEqual([98, 1, 1, 1]);
  });

  it('treats a retried request (same idempotency seed) as done, even after other writes', async () => {
    const handler = new DeciderCommandHandler(raw, counter);
    const first = await handler.handle({ stream: 'counter-5', command: { type: 'Add', n: 3 }, metadata, idempotencySeed: 'request-1' });
    await handler.handle({ stream: 'counter-5', command: { type: 'Add', n: 4 }, metadata });
    const again = await handler.handle({ stream: 'counter-5', command: { type: 'Add', n: 3 }, metadata, idempotencySeed: 'request-1' });
    expect(again).toMatchObject({ repeated: true, events: [] });
    expect((await raw.readStream('counter-5'))[0]!.id).toBe(eventIdFor('request-1', 0));
    expect(await raw.readStream('counter-5')).toHaveLength(2);
    expect(first.revision).toBe(0);
  });
});
