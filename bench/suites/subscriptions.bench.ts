// `npm run bench -- subscriptions`: the gateway's outside subscriptions, the gateway as its own
// process on the embedded profile, the ten receivers in a process of their own (as the systems
// that subscribe are), the relay in the bench process.
import { dataSchemaUri, EVENT_CATALOG, ContractRegistry, type CloudEvent } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import { openEventStore, openMessageBus } from '@pledgebook/infrastructure';
import { cloudEventFrom, Relay, type MessageBus } from '@pledgebook/message-bus';
import { startServiceProcess, type Harness } from '@pledgebook/nest/testing';
import { newId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { latencyRow, median, percentile, rate, rateRow, timeIt, type BenchRow } from '../lib/measure';
import { startWebhookReceivers, type BatchesTaken } from './webhook-receivers';

const TOPIC = 'pledgebook.pledge.v1';
const BUREAU = 'bench-bureau';
const RECEIVERS = 10;
const FANOUT_EVENTS = 2_000;
/** The batched subscriptions' maxEvents (ADR 0090). */
const BATCH_EVENTS = 100;
const LATENCY_RATE = 100;
const LATENCY_EVENTS = 1_000;
const FEED_EVENTS = 10_000;
/** Interleaved rounds of the feed reads and the raw read; each figure is its median (single rounds vary by half). */
const FEED_ROUNDS = 7;
const ADMIN_PASSWORD = 'Bench-Admin-Subscriptions-1';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A member-added event as the pledge service publishes it (about 0.6 KB of JSON). */
function memberAdded(n: number, time = new Date()): CloudEvent {
  return {
    specversion: '1.0',
    id: newId(),
    source: `/bureaus/${BUREAU}/pledge-service`,
    type: 'pledgebook.pledge.member-added.v1',
    subject: `members/${BUREAU}/m${n}`,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri('pledgebook.pledge.member-added.v1'),
    data: { memberId: `m${n}`, bureauId: BUREAU, name: '王曉東', partyStatus: 'full', branchId: 'branch-1', groupId: `group-${n % 5}`, roles: ['member'], joinedOn: '2026-03-01' },
    bureauid: BUREAU,
    actorid: 'ye-qing',
    correlationid: newId(),
    causationid: newId(),
    streamid: `directory-${BUREAU}`,
    streamrevision: n,
    hash: '0'.repeat(64),
  };
}

/**
 * A deed recorded against a pledge, as the pledge service publishes it: the programme's most
 * frequent event, and one the gateway's own consumers pass over (it keeps directory events).
 */
function progressRecorded(n: number, time = new Date()): CloudEvent {
  const pledgeId = `bench-pledge-${n % 64}`;
  return {
    ...memberAdded(n, time),
    type: 'pledgebook.pledge.progress-recorded.v1',
    subject: `pledges/${pledgeId}`,
    dataschema: dataSchemaUri('pledgebook.pledge.progress-recorded.v1'),
    data: { pledgeId, recordId: `r${n}`, itemNo: 1 + (n % 3), recordedOn: '2026-03-02', narrative: '走访慰问困难群众一户，送去米面油', evidence: [], peopleAided: 1, amountFen: 20_000, volunteerHours: 2, recordedBy: `m${n % 50}` },
    streamid: `pledge-${pledgeId}`,
  };
}

/** What the relay publishes in a run: member-added (directory) events, or deeds recorded. */
type Kind = 'member-added' | 'progress-recorded';
const eventOfKind = (kind: Kind, n: number, time: Date) => (kind === 'member-added' ? memberAdded(n, time) : progressRecorded(n, time));

/** Appends `count` events to the store (the relay maps them to member-added or progress-recorded). */
async function fillStore(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 100) {
    await store.append(
      `bench-member-${i % 64}`,
      Array.from({ length: Math.min(100, count - i) }, (_, k) => ({
        id: newId(),
        type: 'MemberAdded',
        data: { n: i + k },
        metadata: { bureauId: BUREAU, actorId: 'ye-qing', actorRole: 'bureau-admin', correlationId: newId(), causationId: newId() },
      })),
    );
  }
}

/** The relay alone: FANOUT_EVENTS events relayed into a bus nobody reads, in files of their own under `dir`; its time and CPU. */
async function relayAlone(dir: string, kind: Kind): Promise<Relayed> {
  mkdirSync(dir, { recursive: true });
  const store = await openEventStore(`sqlite:${join(dir, 'eventstore.db')}`);
  const bus = await openMessageBus(`sqlite:${join(dir, 'bus.db')}`);
  try {
    await fillStore(store, FANOUT_EVENTS);
    return await relayAll(store, bus, FANOUT_EVENTS, undefined, kind);
  } finally {
    await bus.close();
    await store.close();
  }
}

/** A relay run: its publish time (ms) and the bench process's CPU time meanwhile (ms). */
interface Relayed {
  ms: number;
  cpuMs: number;
}

/** The relay as the pledge service runs it; resolves with its publish time and CPU once `count` events are on the bus. */
function relayAll(store: EventStore, bus: MessageBus, count: number, started: () => void = () => undefined, kind: Kind = 'member-added'): Promise<Relayed> {
  return new Promise((resolve, reject) => {
    let published = 0;
    let t0 = 0;
    let cpu0 = process.cpuUsage();
    const relay = new Relay(store, bus, {
      name: `bench-${newId()}`,
      filter: { streamPrefixes: ['bench-member-'] },
      contracts: new ContractRegistry(EVENT_CATALOG),
      batchSize: 500,
      map: (event) => {
        const base = eventOfKind(kind, (event.data as { n: number }).n, new Date(event.recordedAt));
        return [{ topic: TOPIC, key: `${BUREAU}|m${(event.data as { n: number }).n}`, value: cloudEventFrom(event, { service: 'pledge-service', type: base.type, subject: base.subject, data: base.data }) }];
      },
      onError: reject,
      onPublished: (n) => {
        published += n;
        if (published >= count) {
          const ms = now() - t0;
          const cpu = process.cpuUsage(cpu0);
          void relay.stop().then(() => resolve({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
        }
      },
    });
    cpu0 = process.cpuUsage();
    t0 = now();
    started();
    relay.start();
  });
}

/**
 * The same POSTs without the delivery machinery: a process of its own (as the gateway is) sends
 * `count` POSTs to each receiver, one at a time per receiver and all receivers at once, over
 * kept-alive node:http connections, with a stored event as body and headers of a webhook's size —
 * no signing, no reading of the bus, no attempt log or cursor. Returns its time and CPU.
 */
function rawPostLoop(ports: readonly number[], count: number, body: string): Promise<{ ms: number; cpuMs: number }> {
  const script = `
    const http = require('node:http');
    const { ports, count, body } = JSON.parse(process.argv[1]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const headers = { 'content-type': 'application/cloudevents+json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'webhook-timestamp': '1764000000', 'webhook-signature': 'v1,' + 'x'.repeat(44), 'pledgebook-subscription-id': '0'.repeat(36), 'x-raw-id': '0'.repeat(36) };
    const post = (port) => new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/in', method: 'POST', agent, headers }, (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end(body);
    });
    const started = performance.now();
    const cpu = process.cpuUsage();
    Promise.all(ports.map(async (port) => { for (let i = 0; i < count; i++) await post(port); })).then(() => {
      const used = process.cpuUsage(cpu);
      process.stdout.write(JSON.stringify({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));
      agent.destroy();
    });`;
  return runScript(script, { ports, count, body }, 'the raw POST loop');
}

/** Runs `script` in a process of its own with `input` as its argument; resolves with the JSON it printed. */
function runScript<T>(script: string, input: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`bench: ${what} exited with ${code}`))));
  });
}

/**
 * A bare sender, in a process of its own: reads `count` events of the topic from the bus file,
 * joins them into batches of `perBatch`, and for each receiver signs every batch (Standard
 * Webhooks, HMAC-SHA256 with a secret per receiver) and POSTs it, one at a time per receiver and
 * all receivers at once, over kept-alive node:http connections. No attempt log, cursors, scope,
 * retries or consumers: the least a sender of these batches must do. It does so twice and
 * returns the second round's time, CPU and bytes sent (the first warms its code).
 */
function bareSender(ports: readonly number[], busFile: string, count: number, perBatch: number): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  const script = `
    const http = require('node:http');
    const { createHmac, randomBytes } = require('node:crypto');
    const Database = require('better-sqlite3');
    const { ports, busFile, topic, count, perBatch } = JSON.parse(process.argv[1]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const secrets = ports.map(() => randomBytes(32));
    let bytes = 0;
    const post = (port, secret, body, n) => new Promise((resolve, reject) => {
      const id = 'msg_' + port + '_' + n;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', secret).update(id + '.' + timestamp + '.').update(body).digest('base64');
      const headers = { 'content-type': 'application/cloudevents-batch+json; charset=utf-8', 'content-length': String(body.length), 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': 'v1,' + signature };
      bytes += body.length;
      const req = http.request({ host: '127.0.0.1', port, path: '/in', method: 'POST', agent, headers }, (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end(body);
    });
    const round = () => {
      const db = new Database(busFile, { readonly: true });
      const rows = db.prepare('SELECT value FROM messages WHERE topic = ? ORDER BY partition, offset LIMIT ?').pluck().all(topic, count);
      db.close();
      const bodies = [];
      for (let i = 0; i < rows.length; i += perBatch) bodies.push(Buffer.from('[' + rows.slice(i, i + perBatch).join(',') + ']'));
      bytes = 0;
      return Promise.all(ports.map(async (port, k) => { for (let n = 0; n < bodies.length; n++) await post(port, secrets[k], bodies[n], n); }));
    };
    // A first round unmeasured, as the gateway's code is warm when it is measured.
    round().then(() => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      return round().then(() => {
        const used = process.cpuUsage(cpu);
        process.stdout.write(JSON.stringify({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, bytes }));
        agent.destroy();
      });
    });`;
  return runScript(script, { ports, busFile, topic: TOPIC, count, perBatch }, 'the bare sender');
}

/**
 * The fastest batched fan-out of deeds that any sender could reach on this machine: the CPU the
 * relay spends alone, the receivers spent taking the batched fan-out, and a bare sender spends
 * sending as many batches (bareSender), spread over every core with none idle — and never less
 * than the relay's own time. When its ratio is below the target, no sender meets the target here.
 */
function fanOutCeiling(relay: Relayed, taken: BatchesTaken, sender: { cpuMs: number }) {
  const cores = availableParallelism();
  const cpuMs = relay.cpuMs + taken.cpuMs + sender.cpuMs;
  return { ms: Math.max(relay.ms, cpuMs / cores), cpuMs, cores };
}

/**
 * A GET over kept-alive node:http connections that resolves when the headers arrive (with the
 * Link header), the body read on demand — what a follower needs to ask for the next page early.
 */
function httpGet(url: string, token: string, agent: HttpAgent): Promise<{ link?: string; text(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      const body = new Promise<string>((done, fail) => {
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? done(Buffer.concat(chunks).toString('utf8')) : fail(new Error(`bench: the feed answered ${res.statusCode}`))));
        res.on('error', fail);
      });
      body.catch(() => undefined);
      resolve({ link: typeof res.headers.link === 'string' ? res.headers.link : undefined, text: () => body });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The gateway's CPU time so far (ms), from its Prometheus metrics. */
async function gatewayCpuMs(gateway: Harness): Promise<number> {
  const text = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
  const match = /^process_cpu_seconds_total(?:\{[^}]*\})? ([0-9.e+-]+)$/m.exec(text);
  if (!match) throw new Error('bench: the gateway reports no process_cpu_seconds_total');
  return Number(match[1]) * 1000;
}

/**
 * Waits until the gateway is idle — under 5% of a core over a quarter of a second — so that a
 * measurement does not share the gateway with its own consumers still taking in what the bench
 * published before (the reminders' intake and the audit index keep every member added).
 */
async function untilIdle(gateway: Harness): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (let before = await gatewayCpuMs(gateway); ; ) {
    await sleep(250);
    const after = await gatewayCpuMs(gateway);
    if (after - before < 12.5) return;
    if (Date.now() > deadline) throw new Error('bench: the gateway never became idle');
    before = after;
  }
}

async function until(what: string, predicate: () => boolean, ms = 600_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function api(gateway: Harness, token: string, method: string, path: string, body?: unknown) {
  const r = await gateway.call({ token, claims: { sub: 'admin', bureauId: '', roles: [] } }, method, path, body);
  if (r.status >= 300) throw new Error(`bench ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Fan-out: 2,000 events relayed from the event store and delivered to 10 receivers, against the
 * relay's own publish rate for the same events (no subscribers). Latency: events published at
 * 100/s with 10 subscriptions, publish → each delivery, against the bus's own publish → consume.
 * Feed: 10,000 events read over HTTP in pages of 1,000, against a raw read of the same rows.
 */
export async function subscriptionsBench(dir: string): Promise<BenchRow[]> {
  // A relay run first, unmeasured: the first run in a process is slower (compiling, first
  // statements), and it would otherwise fall on the first baseline only. Then the relay alone,
  // into a bus nobody reads: its own publish rate, for each kind of event.
  await relayAlone(join(dir, 'relay-warm-up'), 'member-added');
  const relayMs = (await relayAlone(join(dir, 'relay-alone'), 'member-added')).ms;
  const relayDeeds = await relayAlone(join(dir, 'relay-alone-deeds'), 'progress-recorded');
  const relayDeedsMs = relayDeeds.ms;

  const gateway = await startServiceProcess(join(__dirname, '..', '..', 'apps', 'gateway', 'src', 'main.ts'), {
    portVariable: 'PLEDGEBOOK_GATEWAY_PORT',
    trustTestKey: false,
    env: { PLEDGEBOOK_ADMIN_PASSWORD: ADMIN_PASSWORD, SUBSCRIPTIONS_ALLOWED_HOSTS: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  const bus = await openMessageBus(`sqlite:${join(gateway.dataDir, 'bus.db')}`);
  const store = await openEventStore(`sqlite:${join(gateway.dataDir, 'eventstore.db')}`);
  const receivers = await startWebhookReceivers(RECEIVERS);
  try {
    const login = await gateway.call(undefined, 'POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const token = login.body.accessToken as string;
    // The gateway learns the bench bureau as it learns any: from bureau-registered on the pledge topic.
    await bus.publish(TOPIC, [{ key: BUREAU, value: { ...memberAdded(0), type: 'pledgebook.pledge.bureau-registered.v1', dataschema: dataSchemaUri('pledgebook.pledge.bureau-registered.v1'), subject: `bureaus/${BUREAU}`, data: { bureauId: BUREAU, name: '基準測試局' } } }]);
    const subscription = (i: number, target?: string, batch?: { maxEvents: number }) => ({
      owner: { bureauId: BUREAU, subscriberId: `bench-${i}` },
      topic: TOPIC,
      bureauScope: { bureauId: BUREAU },
      ...(target ? { target: { url: target, ...(batch ? { batch } : {}) } } : {}),
    });
    // The subscriptions' owners: subscriber accounts of the bench bureau (an admin subscribes only such accounts).
    for (const i of [...Array.from({ length: RECEIVERS }, (_, i) => [i, 100 + i]).flat(), 99]) {
      await api(gateway, token, 'POST', `/api/v1/bureaus/${BUREAU}/accounts`, { username: `bench-${i}`, memberId: `bench-${i}`, roles: ['subscriber'], password: ADMIN_PASSWORD });
    }
    let webhooks: string[] = [];
    for (let waited = 0; webhooks.length === 0; waited += 100) {
      const probe = await gateway.call({ token, claims: { sub: 'admin', bureauId: '', roles: [] } }, 'POST', '/api/v1/subscriptions', subscription(0, receivers.urls[0]));
      if (probe.status === 201) webhooks = [probe.body.subscriptionId];
      else if (waited > 30_000) throw new Error(`the gateway never learned the bench bureau: ${JSON.stringify(probe.body)}`);
      else await sleep(100);
    }
    for (let i = 1; i < RECEIVERS; i++) webhooks.push((await api(gateway, token, 'POST', '/api/v1/subscriptions', subscription(i, receivers.urls[i]))).subscriptionId);
    await sleep(1_500); // the delivery worker picks the subscriptions up

    // The same number of POSTs without the delivery machinery, to the same receivers (the gateway idle).
    const rawLoop = await rawPostLoop(receivers.ports, FANOUT_EVENTS, JSON.stringify(memberAdded(1)));
    if (!(await receivers.rawCounts()).every((count) => count === FANOUT_EVENTS)) throw new Error('bench: the raw POST loop did not reach every receiver');

    // Fan-out.
    await fillStore(store, FANOUT_EVENTS);
    await untilIdle(gateway);
    let fanoutStart = 0;
    const cpuBefore = await gatewayCpuMs(gateway);
    const fannedOut = receivers.watchSingles(FANOUT_EVENTS);
    const relayed = relayAll(store, bus, FANOUT_EVENTS, () => (fanoutStart = now()));
    const fanoutMs = (await fannedOut).lastAt - fanoutStart;
    const gatewayCpu = (await gatewayCpuMs(gateway)) - cpuBefore;
    const relayUnderLoadMs = (await relayed).ms;

    // Latency at 100 events/s, 10 subscriptions; the bus's own publish → consume beside it.
    const sent = new Map<string, number>();
    const consumed: number[] = [];
    const baseline = await bus.consume({ groupId: `bench-latency-${newId()}`, topics: [TOPIC] }, async (batch) => {
      const t = now();
      for (const m of batch) {
        const at = sent.get(m.value.id);
        if (at !== undefined) consumed.push(t - at);
      }
    });
    await sleep(1_500);
    const start = now();
    for (let n = 0; n < LATENCY_EVENTS; n++) {
      const due = start + (n * 1000) / LATENCY_RATE;
      if (due > now()) await sleep(due - now());
      const event = memberAdded(100_000 + n);
      sent.set(event.id, now());
      await bus.publish(TOPIC, [{ key: `${BUREAU}|m${n % 64}`, value: event }]);
    }
    const achieved = (LATENCY_EVENTS * 1000) / (now() - start);
    await receivers.watchSingles(FANOUT_EVENTS + LATENCY_EVENTS);
    await until('the latency run', () => consumed.length >= LATENCY_EVENTS, 120_000);
    await baseline.stop();
    const delivered: number[] = [];
    const latencyIds = [...sent.keys()];
    for (const arrivals of await receivers.arrivals(latencyIds)) {
      arrivals.forEach((at, k) => {
        if (at === null) throw new Error(`bench: event ${latencyIds[k]} never reached a receiver`);
        delivered.push(at - sent.get(latencyIds[k]!)!);
      });
    }

    // Batched fan-out: the single-event webhooks paused, ten subscriptions in batches of up to
    // BATCH_EVENTS to the same receivers, as many events relayed again (from a store of their own).
    for (const id of webhooks) await api(gateway, token, 'POST', `/api/v1/subscriptions/${id}/pause`);
    for (let i = 0; i < RECEIVERS; i++) webhooks.push((await api(gateway, token, 'POST', '/api/v1/subscriptions', subscription(100 + i, receivers.urls[i], { maxEvents: BATCH_EVENTS }))).subscriptionId);
    await sleep(1_500);
    const batchedFanOut = async (kind: Kind) => {
      const batchDir = join(dir, `batched-${kind}`);
      mkdirSync(batchDir, { recursive: true });
      const batchStore = await openEventStore(`sqlite:${join(batchDir, 'eventstore.db')}`);
      await fillStore(batchStore, FANOUT_EVENTS);
      await untilIdle(gateway);
      let batchStart = 0;
      const cpuBefore = await gatewayCpuMs(gateway);
      const taken = receivers.watchBatches(FANOUT_EVENTS);
      const relayed = relayAll(batchStore, bus, FANOUT_EVENTS, () => (batchStart = now()), kind);
      const receiversTook: BatchesTaken = await taken;
      const ms = receiversTook.lastAt - batchStart;
      const cpu = (await gatewayCpuMs(gateway)) - cpuBefore;
      const relayMsUnderLoad = (await relayed).ms;
      await batchStore.close();
      return { ms, cpu, relayMsUnderLoad, receiversTook };
    };
    const batchedDeeds = await batchedFanOut('progress-recorded');
    const batchedMembers = await batchedFanOut('member-added');
    const bare = await bareSender(receivers.ports, join(gateway.dataDir, 'bus.db'), FANOUT_EVENTS, BATCH_EVENTS);
    const ceiling = fanOutCeiling(relayDeeds, batchedDeeds.receiversTook, bare);

    // Feed: the webhooks paused, the topic filled to 10,000 events in scope, read over HTTP and raw.
    for (const id of webhooks.slice(RECEIVERS)) await api(gateway, token, 'POST', `/api/v1/subscriptions/${id}/pause`);
    const inScope = 1 + 3 * FANOUT_EVENTS + LATENCY_EVENTS;
    for (let n = 0; n < FEED_EVENTS - inScope; n += 500) {
      await bus.publish(TOPIC, Array.from({ length: Math.min(500, FEED_EVENTS - inScope - n) }, (_, k) => ({ key: `${BUREAU}|f${(n + k) % 64}`, value: memberAdded(200_000 + n + k) })));
    }
    const feed = (await api(gateway, token, 'POST', '/api/v1/subscriptions', subscription(99))).subscriptionId as string;
    // A follower reads a page and then asks for the next (`sequential`), or asks for the next page
    // as soon as this one's headers name it (the Link header) and reads this one meanwhile.
    const feedUrl = (cursor?: string) => `${gateway.baseUrl}/api/v1/subscriptions/${feed}/events?limit=1000${cursor ? `&cursor=${cursor}` : ''}`;
    const get = (url: string) => httpGet(url, token, feedAgent);
    const readFeed = async (pipelined: boolean) => {
      let count = 0;
      let url = feedUrl();
      let pending = get(url);
      while (count < FEED_EVENTS) {
        const response = await pending;
        const link = pipelined ? /^<([^>]+)>/.exec(response.link ?? '')?.[1] : undefined;
        const next = link ? new URL(link, url).toString() : undefined;
        if (next) pending = get((url = next));
        const page = JSON.parse(await response.text()) as { items: CloudEvent[]; cursor: string };
        if (page.items.length === 0) throw new Error(`bench: the feed ended after ${count} events`);
        count += page.items.length;
        if (!next && count < FEED_EVENTS) pending = get((url = feedUrl(page.cursor)));
      }
      // The pipelined follower asked for one page past the end (empty): it is part of its time.
      if (pipelined) await (await pending).text();
    };
    const feedAgent = new HttpAgent({ keepAlive: true, maxSockets: 2 });
    await untilIdle(gateway);
    const raw = new Database(join(gateway.dataDir, 'bus.db'), { readonly: true });
    const select = raw.prepare('SELECT value FROM messages WHERE topic = ? ORDER BY partition, offset LIMIT ?');
    const readRaw = () => {
      for (const row of select.all(TOPIC, FEED_EVENTS) as Array<{ value: string }>) JSON.parse(row.value);
    };
    await readFeed(true);
    await readFeed(false);
    readRaw();
    const feedTimes: number[] = [];
    const sequentialTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let round = 0; round < FEED_ROUNDS; round++) {
      feedTimes.push(await timeIt(() => readFeed(true)));
      rawTimes.push(await timeIt(readRaw));
      sequentialTimes.push(await timeIt(() => readFeed(false)));
    }
    raw.close();
    feedAgent.destroy();

    const perReceiver = rate(FANOUT_EVENTS, fanoutMs);
    const deliveries = FANOUT_EVENTS * RECEIVERS;
    const rawRate = rate(deliveries, rawLoop.ms);
    return [
      rateRow(
        `subscriptions: fan-out of deeds recorded to ${RECEIVERS} receivers in batches of up to ${BATCH_EVENTS}, events/s delivered to all`,
        rate(FANOUT_EVENTS, batchedDeeds.ms),
        rate(FANOUT_EVENTS, relayDeedsMs),
        'the relay’s own publish rate, same events, no subscribers',
        0.5,
        'events/s',
        `${FANOUT_EVENTS.toLocaleString('en')} progress-recorded events (the topic's most frequent; the gateway's own consumers pass them over) relayed to ten subscriptions with target.batch.maxEvents ${BATCH_EVENTS} (CloudEvents batched mode, one signed POST per batch; each receiver parses every batch for its ids); the gateway used ${((batchedDeeds.cpu * 1000) / (FANOUT_EVENTS * RECEIVERS)).toFixed(1)} µs of CPU per event delivered; the relay published them at ${rate(FANOUT_EVENTS, batchedDeeds.relayMsUnderLoad).toFixed(0)} events/s while delivery ran`,
      ),
      rateRow(
        `subscriptions: fan-out of deeds recorded to ${RECEIVERS} receivers, the most any sender could reach on this machine`,
        rate(FANOUT_EVENTS, ceiling.ms),
        rate(FANOUT_EVENTS, relayDeedsMs),
        'the relay’s own publish rate, same events, no subscribers',
        undefined,
        'events/s',
        `a ceiling, not a delivery: ${ceiling.cpuMs.toFixed(0)} ms of CPU per ${FANOUT_EVENTS.toLocaleString('en')} events to all ten, spread over ${ceiling.cores} cores with none idle — the relay alone ${relayDeeds.cpuMs.toFixed(0)} ms, the receivers taking the batched fan-out of deeds ${batchedDeeds.receiversTook.cpuMs.toFixed(0)} ms (${batchedDeeds.receiversTook.requests} requests, ${(batchedDeeds.receiversTook.bytes / 1e6).toFixed(1)} MB parsed), and a bare sender, a process that only reads the events, signs each batch and POSTs it (no attempt log, cursors, scope or consumers), ${bare.cpuMs.toFixed(0)} ms (${(bare.bytes / 1e6).toFixed(1)} MB sent in ${bare.ms.toFixed(0)} ms); the fan-out's ratio cannot pass this one`,
      ),
      rateRow(
        `subscriptions: fan-out of members added to ${RECEIVERS} receivers in batches of up to ${BATCH_EVENTS}, events/s delivered to all`,
        rate(FANOUT_EVENTS, batchedMembers.ms),
        rate(FANOUT_EVENTS, relayMs),
        'the relay’s own publish rate, same events, no subscribers',
        undefined,
        'events/s',
        `the same with member-added events, which the gateway also keeps for its reminders (an append, the reminder policies and the audit index read them back); the gateway used ${((batchedMembers.cpu * 1000) / (FANOUT_EVENTS * RECEIVERS)).toFixed(1)} µs of CPU per event delivered; the relay published them at ${rate(FANOUT_EVENTS, batchedMembers.relayMsUnderLoad).toFixed(0)} events/s while delivery ran`,
      ),
      rateRow(
        `subscriptions: fan-out of members added to ${RECEIVERS} receivers one event per request, events/s delivered to all`,
        perReceiver,
        rate(FANOUT_EVENTS, relayMs),
        'the relay’s own publish rate, same events, no subscribers',
        0.5,
        'events/s',
        `${FANOUT_EVENTS.toLocaleString('en')} events relayed from the event store; ${rate(FANOUT_EVENTS * RECEIVERS, fanoutMs).toFixed(0)} deliveries/s summed over the receivers (one signed POST each); the relay published them at ${rate(FANOUT_EVENTS, relayUnderLoadMs).toFixed(0)} events/s while delivery ran`,
      ),
      rateRow(
        `subscriptions: fan-out deliveries/s to ${RECEIVERS} receivers against a raw HTTP POST loop`,
        rate(deliveries, fanoutMs),
        rawRate,
        'the same number of POSTs to the same receivers, one at a time per receiver, from a process of its own: no signing, bus reads, attempt log or cursors',
        undefined,
        'deliveries/s',
        `the delivery machinery's own cost: the gateway used ${((gatewayCpu * 1000) / deliveries).toFixed(0)} µs of CPU per delivery during the fan-out (everything it did, from reading the bus to logging the attempt), the raw loop ${((rawLoop.cpuMs * 1000) / deliveries).toFixed(0)} µs per POST; the issue's target (fan-out ≥ 0.5 of the relay) needs ${((0.5 * rate(FANOUT_EVENTS, relayMs) * RECEIVERS) / 1000).toFixed(0)}k deliveries/s here, ${(0.5 * rate(FANOUT_EVENTS, relayMs) * RECEIVERS / rawRate).toFixed(1)}× what the raw loop reached`,
      ),
      latencyRow(
        `subscriptions: publish → delivered p99 at ${LATENCY_RATE} events/s, ${RECEIVERS} subscriptions`,
        percentile(delivered, 99),
        percentile(consumed, 99),
        'the bus’s own publish → consume p99, same events',
        200,
        `${LATENCY_EVENTS} events offered at ${LATENCY_RATE}/s (achieved ${achieved.toFixed(1)}/s), ${delivered.length} deliveries; p50 ${percentile(delivered, 50).toFixed(2)} ms`,
      ),
      rateRow(
        `subscriptions: feed read of ${FEED_EVENTS.toLocaleString('en')} events over HTTP`,
        rate(FEED_EVENTS, median(feedTimes)),
        rate(FEED_EVENTS, median(rawTimes)),
        'raw better-sqlite3 SELECT + JSON.parse of the same rows',
        0.5,
        'events/s',
        `pages of 1,000 from the earliest event, each page merged across 4 partitions and checked against the scope; the follower asks for the next page (its Link header) as soon as a page’s headers arrive and parses the page meanwhile, as examples/feed-follower does; median of ${FEED_ROUNDS} interleaved rounds each (rounds of the follower: ${feedTimes.map((ms) => rate(FEED_EVENTS, ms).toFixed(0)).join(', ')} events/s; of the raw read: ${rawTimes.map((ms) => rate(FEED_EVENTS, ms).toFixed(0)).join(', ')})`,
      ),
      rateRow(
        `subscriptions: feed read of ${FEED_EVENTS.toLocaleString('en')} events over HTTP, one page at a time`,
        rate(FEED_EVENTS, median(sequentialTimes)),
        rate(FEED_EVENTS, median(rawTimes)),
        'raw better-sqlite3 SELECT + JSON.parse of the same rows',
        undefined,
        'events/s',
        'the same pages, the next asked for only after the follower parsed this one: the gateway and the follower never work at once',
      ),
    ];
  } catch (error) {
    console.error(gateway.output().slice(-3000));
    throw error;
  } finally {
    await receivers.close();
    await bus.close();
    await store.close();
    await gateway.close();
  }
}
