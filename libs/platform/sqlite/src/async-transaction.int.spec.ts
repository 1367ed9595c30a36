import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncTransactionQueue } from './async-transaction';
import { openDatabase } from './open-database';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-tx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('AsyncTransactionQueue', () => {
  it('commits relaxed transactions without the flush, and goes back to full durability after, even on failure', async () => {
    const db = openDatabase(join(dir, 'relaxed.db'));
    db.exec('CREATE TABLE t (v INTEGER)');
    const queue = new AsyncTransactionQueue(db);
    const FULL = 2;
    const NORMAL = 1;
    const seen: number[] = [];
    await queue.run(() => void seen.push(db.pragma('synchronous', { simple: true }) as number), { relaxed: true });
    await queue.run(() => void seen.push(db.pragma('synchronous', { simple: true }) as number));
    await expect(
      queue.run(() => {
        db.prepare('INSERT INTO t (v) VALUES (1)').run();
        throw new Error('no');
      }, { relaxed: true }),
    ).rejects.toThrow('no');
    await queue.run(() => void db.prepare('INSERT INTO t (v) VALUES (2)').run(), { relaxed: true });
    expect(seen).toEqual([NORMAL, FULL]);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 2 }]);
    db.close();
  });
});
