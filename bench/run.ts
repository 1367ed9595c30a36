// `npm run bench`: every figure beside a baseline measured in this same run, on this machine.
import { openEventStore } from '@pledgebook/infrastructure';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './lib/measure';
import { busBench } from './suites/bus.bench';
import { consoleBench } from './suites/console.bench';
import { emmettPeerBench } from './suites/emmett-peer.bench';
import { eventStoreBench, fillReplayStore } from './suites/event-store.bench';
import { gatewayBench } from './suites/gateway.bench';
import { pledgeApiBench } from './suites/pledge-api.bench';
import { readsBench } from './suites/reads.bench';
import { reviewBench } from './suites/review.bench';
import { subscriptionsBench } from './suites/subscriptions.bench';
import { appraisalBench } from './suites/appraisal.bench';
import { statisticsBench } from './suites/statistics.bench';
import { auditBench } from './suites/audit.bench';

const REPLAY_EVENTS = 200_000;

function format(value: number, unit: string): string {
  const digits = unit === 'ms' || unit === 's' ? 2 : 0;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

function printTable(rows: BenchRow[]): void {
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.name,
    format(r.value, r.unit),
    `${format(r.baseline, r.unit)} — ${r.baselineName}`,
    r.ratio.toFixed(2),
    r.target,
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
  for (const r of rows.filter((x) => x.note)) console.log(`note — ${r.name}: ${r.note}`);
}

/** Suites by name; `npm run bench -- bus` runs only those named (the event store suite also feeds the peer rows). */
const SUITES = ['event-store', 'bus', 'peer', 'pledge-api', 'gateway', 'review', 'reads', 'console', 'statistics', 'subscriptions', 'appraisal', 'audit'] as const;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(SUITES as readonly string[]).includes(w));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
  const runs = (suite: (typeof SUITES)[number]) => wanted.length === 0 || wanted.includes(suite);
  const dir = mkdtempSync(join(tmpdir(), 'pledgebook-bench-'));
  const rows: BenchRow[] = [];
  try {
    if (runs('event-store') || runs('peer')) {
      console.error(`filling a store with ${REPLAY_EVENTS.toLocaleString('en')} events for the replay figures…`);
      const replay = await openEventStore(`sqlite:${join(dir, 'replay.db')}`);
      await fillReplayStore(replay, REPLAY_EVENTS);
      await replay.close();
      console.error('event store…');
      const eventStore = await eventStoreBench({ dir, replayEvents: REPLAY_EVENTS });
      rows.push(...eventStore.rows);
      if (runs('peer')) {
        console.error('peer: emmett-sqlite…');
        // node-sqlite3 under emmett now and then fails a commit with SQLITE_BUSY; a failed run is
        // repeated once on fresh files, and said so.
        for (let attempt = 1; ; attempt++) {
          const peerDir = join(dir, `peer-${attempt}`);
          mkdirSync(peerDir, { recursive: true });
          try {
            rows.push(...(await emmettPeerBench(peerDir, eventStore.figures, REPLAY_EVENTS)));
            break;
          } catch (error) {
            if (attempt >= 2) throw error;
            console.error(`peer: emmett-sqlite failed (${error instanceof Error ? error.message : String(error)}); running it once more`);
          }
        }
      }
    }
    if (runs('bus')) {
      console.error('message bus…');
      rows.push(...(await busBench(dir)));
    }
    if (runs('pledge-api')) {
      console.error('pledge API…');
      rows.push(...(await pledgeApiBench(dir)));
    }
    if (runs('gateway')) {
      console.error('gateway overhead…');
      rows.push(...(await gatewayBench()));
    }
    if (runs('review')) {
      console.error('review queue latency…');
      rows.push(...(await reviewBench()));
    }
    if (runs('reads')) {
      console.error('reads at 60 bureaus (loads 3,000 members over the APIs first)…');
      rows.push(...(await readsBench()));
    }
    if (runs('console')) {
      console.error('console first load in headless chromium (loads the demo bureau first)…');
      rows.push(...(await consoleBench()));
    }
    if (runs('subscriptions')) {
      console.error('outside subscriptions: webhook fan-out, delivery latency, feed reads…');
      rows.push(...(await subscriptionsBench(dir)));
    }
    if (runs('appraisal')) {
      console.error('appraisal: a round of 200 members scored, explained and finalized (records a year of checks first)…');
      rows.push(...(await appraisalBench()));
    }
    if (runs('statistics')) rows.push(...(await statisticsBench()));
    if (runs('audit')) {
      console.error('audit: a member’s year over HTTP, a bureau’s year exported and verified offline (writes the year first)…');
      rows.push(...(await auditBench()));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  printTable(rows);
  const results = join(__dirname, 'results');
  mkdirSync(results, { recursive: true });
  const file = join(results, 'latest.json');
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
  // Rows of suites not run this time are kept, so every suite's latest figures stay in one file.
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { rows: { name: string }[] }).rows : [];
  const fresh = rows.map(({ name, value, unit, baseline, baselineName, ratio, target, met, note }) => ({ name, value, unit, baseline, baselineName, ratio, target, met, note, measuredAt: new Date().toISOString() }));
  const merged = [...previous.filter((r) => !fresh.some((f) => f.name === r.name)), ...fresh];
  writeFileSync(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, rows: merged }, null, 2)}\n`);
  console.error('written: bench/results/latest.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
