// The subscriptions benchmark's webhook receivers, in a process of their own (as the systems that
// subscribe are): `count` plain HTTP servers answering 204. A batch (CloudEvents batched mode) is
// parsed for its events' ids, as a receiver must; a single event is known by its `webhook-id`.
// Each id's first arrival is kept per receiver, on the wall clock with sub-millisecond precision
// (the bench process reads the same clock). Driven over IPC:
//   → { ports }                        once listening
//   ← { watch: n }                     clear the batch arrivals; answer { batchDone } once every
//                                      receiver has n ids from batches, with the CPU time, bytes
//                                      and requests the receivers took meanwhile
//   ← { watchSingle: n }               answer { singleDone } once every receiver has n single ids
//   ← { report: ids }                  answer { arrivals } — per receiver, each id's first arrival
//   ← { raw: true }                    answer { raw } — per receiver, requests without a webhook-id
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();

interface Receiver {
  server: Server;
  single: Map<string, number>;
  batch: Map<string, number>;
  raw: number;
}

type Request = { watch: number } | { watchSingle: number } | { report: string[] } | { raw: true };

const send = (message: object) => process.send?.(message);

function main(): void {
  const count = Number(process.argv[2] ?? 10);
  let watching = 0;
  let cpuAtWatch = process.cpuUsage();
  /** Batch bodies (bytes) and requests since the last watch. */
  let taken = { bytes: 0, requests: 0 };
  let watchingSingle = 0;
  const receivers: Receiver[] = [];

  const checkBatches = () => {
    if (watching > 0 && receivers.every((r) => r.batch.size >= watching)) {
      watching = 0;
      const used = process.cpuUsage(cpuAtWatch);
      send({ batchDone: { cpuMs: (used.user + used.system) / 1000, ...taken, firstAt: Math.min(...receivers.map((r) => Math.min(...r.batch.values()))), lastAt: Math.max(...receivers.map((r) => Math.max(...r.batch.values()))) } });
    }
  };
  const checkSingles = () => {
    if (watchingSingle > 0 && receivers.every((r) => r.single.size >= watchingSingle)) {
      watchingSingle = 0;
      send({ singleDone: { lastAt: Math.max(...receivers.map((r) => Math.max(...r.single.values()))) } });
    }
  };

  for (let i = 0; i < count; i++) {
    const receiver: Receiver = { server: undefined as unknown as Server, single: new Map(), batch: new Map(), raw: 0 };
    receiver.server = createServer((req, res) => {
      if (String(req.headers['content-type']).startsWith('application/cloudevents-batch+json')) {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const t = now();
          const body = Buffer.concat(chunks);
          taken.bytes += body.length;
          taken.requests += 1;
          for (const e of JSON.parse(body.toString('utf8')) as Array<{ id: string }>) if (!receiver.batch.has(e.id)) receiver.batch.set(e.id, t);
          res.writeHead(204).end();
          checkBatches();
        });
        return;
      }
      req.resume();
      req.on('end', () => {
        const id = req.headers['webhook-id'];
        if (typeof id !== 'string') receiver.raw += 1;
        else if (!receiver.single.has(id)) receiver.single.set(id, now());
        res.writeHead(204).end();
        checkSingles();
      });
    });
    receiver.server.keepAliveTimeout = 60_000;
    receivers.push(receiver);
  }

  process.on('message', (request: Request) => {
    if ('watch' in request) {
      for (const r of receivers) r.batch.clear();
      watching = request.watch;
      taken = { bytes: 0, requests: 0 };
      cpuAtWatch = process.cpuUsage();
      checkBatches();
    } else if ('watchSingle' in request) {
      watchingSingle = request.watchSingle;
      checkSingles();
    } else if ('report' in request) {
      send({ arrivals: receivers.map((r) => request.report.map((id) => r.single.get(id) ?? null)) });
    } else if ('raw' in request) {
      send({ raw: receivers.map((r) => r.raw) });
    }
  });
  process.on('disconnect', () => process.exit(0));

  void Promise.all(receivers.map((r) => new Promise<void>((done) => r.server.listen(0, '127.0.0.1', done)))).then(() =>
    send({ ports: receivers.map((r) => (r.server.address() as AddressInfo).port) }),
  );
}

main();
