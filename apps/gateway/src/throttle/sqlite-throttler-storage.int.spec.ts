import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteThrottlerStorage } from './sqlite-throttler-storage';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-throttle-'));
let now = 1_000_000;
const a = new SqliteThrottlerStorage(dir, () => now);
const b = new SqliteThrottlerStorage(dir, () => now);
afterAll(() => {
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('login throttle counters in gateway.db', () => {
  it('counts hits from two connections together, blocks past the limit, and forgets after the window', async () => {
    expect(await a.increment('client-1', 60_000, 2, 30_000, 'default')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await b.increment('client-1', 60_000, 2, 30_000, 'default')).totalHits).toBe(2);
    expect(await a.increment('client-1', 60_000, 2, 30_000, 'default')).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 30 });
    // Another client, and the same client under another throttler, count on their own.
    expect((await b.increment('client-2', 60_000, 2, 30_000, 'default')).isBlocked).toBe(false);
    expect((await b.increment('client-1', 60_000, 2, 30_000, 'other')).isBlocked).toBe(false);
    now += 10_000;
    expect(await b.increment('client-1', 60_000, 2, 30_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 20 });
    now += 50_001;
    expect(await b.increment('client-1', 60_000, 2, 30_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
