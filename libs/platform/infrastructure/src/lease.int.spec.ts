// The worker lease with real processes on one SQLite read-model file: two workers never both
// work; a killed holder is replaced once its lease expires; a stopped one hands over at once.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lease } from '@pledgebook/read-model';
import { SqliteReadModelStore } from '@pledgebook/read-model-sqlite';
import { exited, runScript, waitForLine } from './testing/child-process';

interface Line {
  kind: string;
  owner: string;
  at: number;
}

let dir: string;
let url: string;
const children: ChildProcess[] = [];

function worker(owner: string, ttlMs = 600): { child: ChildProcess; lines: Line[]; ready: Promise<void> } {
  const child = runScript('lease-holder.script.ts', [url, 'pledge-service.worker', owner, String(ttlMs)]);
  children.push(child);
  const lines: Line[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) {
      const [kind, who, at] = part.split(' ');
      if (who && at) lines.push({ kind: kind!, owner: who, at: Number(at) });
    }
  });
  return { child, lines, ready: waitForLine(child, 'ready') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ticks = (lines: Line[]) => lines.filter((l) => l.kind === 'tick');

/** No tick of one worker falls inside the span of the other's ticks. */
function neverBoth(a: Line[], b: Line[]): void {
  const ta = ticks(a).map((l) => l.at);
  const tb = ticks(b).map((l) => l.at);
  if (ta.length === 0 || tb.length === 0) return;
  const [aFirst, aLast, bFirst, bLast] = [Math.min(...ta), Math.max(...ta), Math.min(...tb), Math.max(...tb)];
  expect(aLast < bFirst || bLast < aFirst).toBe(true);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pledgebook-lease-'));
  url = `sqlite:${join(dir, 'views.db')}`;
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('worker lease across processes', () => {
  it('lets one of two workers work; the other takes over only after the holder is killed and its lease expires', async () => {
    const a = worker('a');
    const b = worker('b');
    await Promise.all([a.ready, b.ready]);
    await sleep(1500);
    const working = [a, b].filter((w) => ticks(w.lines).length > 0);
    expect(working).toHaveLength(1);
    const [holder, standby] = working[0] === a ? [a, b] : [b, a];
    holder.child.kill('SIGKILL');
    const killedAt = Date.now();
    await exited(holder.child);
    for (let waited = 0; ticks(standby.lines).length === 0 && waited < 5000; waited += 50) await sleep(50);
    const firstTick = ticks(standby.lines)[0];
    expect(firstTick).toBeDefined();
    // Not before the killed holder's lease ran out.
    expect(firstTick!.at - killedAt).toBeGreaterThanOrEqual(0);
    neverBoth(holder.lines, standby.lines);
  }, 20_000);

  it('hands over at once when the holder stops cleanly', async () => {
    const a = worker('a', 5000);
    await a.ready;
    for (let waited = 0; ticks(a.lines).length === 0 && waited < 3000; waited += 20) await sleep(20);
    const b = worker('b', 5000);
    await b.ready;
    await sleep(300);
    expect(ticks(b.lines)).toHaveLength(0);
    a.child.kill('SIGTERM');
    expect(await exited(a.child)).toBe(0);
    const stoppedAt = Date.now();
    for (let waited = 0; ticks(b.lines).length === 0 && waited < 4000; waited += 20) await sleep(20);
    // Well before the 5 s lease would have expired.
    expect(ticks(b.lines)[0]!.at - stoppedAt).toBeLessThan(3000);
    neverBoth(a.lines, b.lines);
  }, 20_000);

  it('refuses a claim while another owner’s lease is valid, and grants it once expired', async () => {
    let now = 1_000_000;
    const views = new SqliteReadModelStore(join(dir, 'views.db'));
    const first = new Lease(views, { name: 'w', owner: 'one', ttlMs: 1000, now: () => now });
    const second = new Lease(views, { name: 'w', owner: 'two', ttlMs: 1000, now: () => now });
    expect(await first.claim()).toBe(true);
    expect(await second.claim()).toBe(false);
    now += 999;
    expect(await second.claim()).toBe(false);
    expect(await first.claim()).toBe(true); // renewal
    now += 1001;
    expect(await second.claim()).toBe(true);
    expect(await first.holder()).toBe('two');
    expect(await first.claim()).toBe(false);
    await views.close();
  });
});
