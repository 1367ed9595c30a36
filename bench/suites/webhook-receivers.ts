// The bench side of webhook-receivers.child.ts: starts the receivers' process and asks it, over
// IPC, when every receiver has what a run sent and when each event first arrived.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What the receivers' process spent taking a batched fan-out, and when. */
export interface BatchesTaken {
  firstAt: number;
  lastAt: number;
  /** The receivers' process's CPU time (ms) from the watch to the last arrival. */
  cpuMs: number;
  /** Bytes of batch bodies received meanwhile. */
  bytes: number;
  requests: number;
}

export interface WebhookReceivers {
  urls: string[];
  ports: number[];
  /** Clears the batch arrivals; resolves once every receiver has `count` ids from batches. */
  watchBatches(count: number): Promise<BatchesTaken>;
  /** Resolves once every receiver has `count` ids from single-event deliveries (all runs so far). */
  watchSingles(count: number): Promise<{ lastAt: number }>;
  /** Per receiver, each id's first arrival by single-event delivery (null where none came). */
  arrivals(ids: readonly string[]): Promise<Array<Array<number | null>>>;
  /** Per receiver, the requests that carried no webhook-id (the raw POST loop's). */
  rawCounts(): Promise<number[]>;
  close(): Promise<void>;
}

type Answer = { ports: number[] } | { batchDone: BatchesTaken } | { singleDone: { lastAt: number } } | { arrivals: Array<Array<number | null>> } | { raw: number[] };

export function startWebhookReceivers(count: number): Promise<WebhookReceivers> {
  const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), join(__dirname, 'webhook-receivers.child.ts'), String(count)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, (answer: never) => void>();
  const ask = <T>(key: string, request?: object): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (waiting.has(key)) return reject(new Error(`bench: already waiting for the receivers' ${key}`));
      waiting.set(key, resolve as (answer: never) => void);
      if (request) child.send(request);
    });
  child.on('message', (answer: Answer) => {
    const [key, value] = Object.entries(answer)[0] as [string, never];
    const resolve = waiting.get(key);
    waiting.delete(key);
    resolve?.(value);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => {
      if (waiting.size > 0) reject(new Error('bench: the receivers\' process exited'));
    });
    void ask<number[]>('ports').then((ports) =>
      resolve({
        ports,
        urls: ports.map((port) => `http://127.0.0.1:${port}/in`),
        watchBatches: (n) => ask('batchDone', { watch: n }),
        watchSingles: (n) => ask('singleDone', { watchSingle: n }),
        arrivals: (ids) => ask('arrivals', { report: ids }),
        rawCounts: () => ask('raw', { raw: true }),
        close: async () => {
          child.disconnect();
          await exited;
        },
      }),
    );
  });
}
