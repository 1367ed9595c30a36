import { performance } from 'node:perf_hooks';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What `value` is compared with, measured in the same run (same unit). */
  baseline: number;
  baselineName: string;
  /** Higher is better: value/baseline for rates, baseline/value for latencies. */
  ratio: number;
  target: string;
  /** Whether the row meets its target (undefined when the row has none). */
  met?: boolean;
  note?: string;
}

export async function timeIt(fn: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Median of `rounds` runs, alternating nothing else: call it with A and B interleaved by the caller. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Runs each contender `rounds` times, interleaved, and returns the median duration of each. */
export async function interleaved(rounds: number, contenders: Record<string, () => Promise<void> | void>): Promise<Record<string, number>> {
  const durations: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(contenders)) durations[name]!.push(await timeIt(fn));
  }
  return Object.fromEntries(Object.entries(durations).map(([k, v]) => [k, median(v)]));
}

/**
 * Alternates contenders in small blocks and sums each one's time. Durable commits on a shared
 * disk drift by tens of percent within seconds; alternating every few operations exposes every
 * contender to the same drift, which long rounds do not.
 */
export async function alternating(blocks: number, contenders: Record<string, (block: number) => Promise<void> | void>): Promise<Record<string, number>> {
  const totals: Record<string, number> = Object.fromEntries(Object.keys(contenders).map((k) => [k, 0]));
  for (let block = 0; block < blocks; block++) {
    const order = block % 2 === 0 ? Object.keys(contenders) : Object.keys(contenders).reverse();
    for (const name of order) totals[name]! += await timeIt(() => contenders[name]!(block));
  }
  return totals;
}

export function rate(count: number, ms: number): number {
  return (count / ms) * 1000;
}

export function rateRow(
  name: string,
  value: number,
  baseline: number,
  baselineName: string,
  minRatio: number | undefined,
  unit = 'events/s',
  note?: string,
): BenchRow {
  const ratio = value / baseline;
  return {
    name,
    value,
    unit,
    baseline,
    baselineName,
    ratio,
    target: minRatio === undefined ? '' : `ratio ≥ ${minRatio}`,
    ...(minRatio === undefined ? {} : { met: ratio >= minRatio }),
    ...(note ? { note } : {}),
  };
}

export function latencyRow(name: string, valueMs: number, baselineMs: number, baselineName: string, maxMs?: number, note?: string): BenchRow {
  return {
    name,
    value: valueMs,
    unit: 'ms',
    baseline: baselineMs,
    baselineName,
    ratio: baselineMs / valueMs,
    target: maxMs === undefined ? '' : `< ${maxMs} ms`,
    ...(maxMs === undefined ? {} : { met: valueMs < maxMs }),
    ...(note ? { note } : {}),
  };
}
