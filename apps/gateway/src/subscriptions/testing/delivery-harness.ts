import type { CloudEvent } from '@pledgebook/contracts';
import { openMessageBus, openReadModelStore } from '@pledgebook/infrastructure';
import type { MessageBus } from '@pledgebook/message-bus';
import { TEST_EVENT_TYPE, testCloudEvent, uniqueTopic } from '@pledgebook/message-bus/testing';
import type { ReadModelStore } from '@pledgebook/read-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AllowList,
  BureauTree,
  busEntries,
  DEFAULT_RETRY_SCHEDULE,
  DeliveryWorker,
  eventOf,
  manualClock,
  SecretBox,
  SubscriptionStore,
  SubscriptionsService,
  systemSchedulerClock,
  TopicCatalog,
  TopicStream,
  TopicWatcher,
  WebhookSender,
  WebhookSigner,
  WriteBuffer,
  type BureauNode,
  type BureauSource,
  type RetrySchedule,
  type SchedulerClock,
  type SecretKey,
} from '@pledgebook/gateway-subscriptions';

export interface Harness {
  dir: string;
  bus: MessageBus;
  views: ReadModelStore;
  topic: string;
  bureaus: BureauSource;
  /** Publishes one event of `bureauId` keyed by `key`. */
  publish(key: string, n: number, bureauId: string, extra?: Partial<CloudEvent>): Promise<CloudEvent>;
  close(): Promise<void>;
}

export const HIERARCHY: BureauNode[] = [
  { bureauId: 'shandong' },
  { bureauId: 'weihai', parentBureauId: 'shandong' },
  { bureauId: 'rongcheng', parentBureauId: 'weihai' },
  { bureauId: 'qingdao', parentBureauId: 'shandong' },
];

/** The embedded bus and document store on fresh files, and a fixed bureau hierarchy. */
export async function openHarness(nodes: BureauNode[] = HIERARCHY): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pledgebook-subscriptions-'));
  const bus = await openMessageBus(`sqlite:${join(dir, 'bus.db')}`);
  const views = await openReadModelStore(`sqlite:${join(dir, 'gateway-views.db')}`);
  const topic = uniqueTopic();
  const tree = new BureauTree(nodes);
  return {
    dir,
    bus,
    views,
    topic,
    bureaus: { tree: async () => tree },
    async publish(key, n, bureauId, extra = {}) {
      const event: CloudEvent = { ...testCloudEvent(key, n), bureauid: bureauId, source: `/bureaus/${bureauId}/test-service`, ...extra };
      await bus.publish(topic, [{ key, value: event }]);
      return event;
    },
    async close() {
      await bus.close();
      await views.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  event: CloudEvent;
}

/** A webhook receiver on 127.0.0.1 that records what it gets and answers what `answer` says. */
export async function startReceiver(answer: (r: Received) => number | Promise<number> = () => 204): Promise<{ url: string; received: Received[]; server: Server; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', async () => {
      const r = { headers: req.headers, body, event: JSON.parse(body) as CloudEvent };
      received.push(r);
      const status = await answer(r);
      res.writeHead(status, status >= 300 && status < 400 ? { location: 'http://127.0.0.1:9/elsewhere' } : {}).end(status >= 400 ? 'receiver says no' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/pledgebook`,
    received,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Receivers started by a spec, each closed after its test (with the spec's kit and harness, which
 * `closing` names): `receiving` starts one.
 */
export function receiversClosedAfterEach(closing: () => { kit?: DeliveryKit; h?: Harness }) {
  const receivers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    const { kit, h } = closing();
    await kit?.stop();
    await h?.close();
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  return async (...args: Parameters<typeof startReceiver>) => {
    const receiver = await startReceiver(...args);
    receivers.push(receiver);
    return receiver;
  };
}

/** A kit on a scheduler clock the test moves: retries 5 s apart at first, up to an hour, for an hour. */
export function kitOnManualClock(h: Harness) {
  const clock = manualClock(Date.parse('2026-11-29T02:00:00Z'));
  return { clock, kit: deliveryKit(h, { clock, schedule: { horizonMs: 3_600_000, baseMs: 5_000, maxMs: 3_600_000 } }) };
}

/** Moves the clock to each scheduled retry as soon as the attempt before it is recorded, until the subscription pauses. */
export async function retryUntilPaused(kit: DeliveryKit, clock: ReturnType<typeof manualClock>, subscriptionId: string, receiver: { received: unknown[] }): Promise<void> {
  const paused = async () => (await kit.store.get(subscriptionId))!.status === 'paused';
  const cursor = () => kit.store.cursor(subscriptionId);
  for (let guard = 0; !(await paused()); guard++) {
    if (guard > 200) throw new Error('never paused');
    const before = receiver.received.length;
    await eventually(async () => receiver.received.length > before || (await paused()), 5_000, 'an attempt');
    await eventually(async () => (await cursor())?.retry?.attempts === receiver.received.length || (await paused()), 5_000, 'the retry state');
    const retry = (await cursor())?.retry;
    if (retry) clock.set(retry.nextAttemptAt);
  }
}

/** The topic in merged order from its start, as the worker delivers it. */
export async function mergedOrder(harness: Harness): Promise<CloudEvent[]> {
  const stream = new TopicStream(busEntries(harness.bus), harness.topic, []);
  const all: CloudEvent[] = [];
  for (let m = await stream.peek(); m; m = await stream.peek()) all.push(eventOf(stream.take().body));
  return all;
}

/** Waits until `predicate` holds (polling), or fails after `ms`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, ms = 10_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface DeliveryKit {
  store: SubscriptionStore;
  service: SubscriptionsService;
  worker: DeliveryWorker;
  stop(): Promise<void>;
}

/** The key the kits seal signing secrets with unless a test names its own. */
export const TEST_SECRET_KEYS: SecretKey[] = [{ keyId: 'test-1', key: Buffer.alloc(32, 7) }];

/** The subscription service and a delivery worker over a harness, with the given clock and schedule. */
export function deliveryKit(
  h: Harness,
  options: { clock?: SchedulerClock; schedule?: RetrySchedule; allowList?: string[]; timeoutMs?: number; graceMs?: number; secretKeys?: SecretKey[] } = {},
): DeliveryKit {
  const store = new SubscriptionStore(h.views, new SecretBox(options.secretKeys ?? TEST_SECRET_KEYS));
  const allowList = new AllowList(options.allowList ?? ['127.0.0.1']);
  const watcher = new TopicWatcher(h.bus, 20);
  const sender = new WebhookSender(allowList, { timeoutMs: options.timeoutMs ?? 2_000 });
  const writes = new WriteBuffer(store, 20, (e) => console.error(e));
  const worker = new DeliveryWorker(
    {
      bus: h.bus,
      store,
      writes,
      watcher,
      bureaus: h.bureaus,
      sender,
      signer: new WebhookSigner(),
      clock: options.clock ?? systemSchedulerClock,
      schedule: options.schedule ?? DEFAULT_RETRY_SCHEDULE,
      hierarchyGraceMs: options.graceMs ?? 500,
      random: () => 0.5,
      log: () => undefined,
    },
    { refreshMs: 30, attemptRetentionMs: 7 * 86_400_000 },
  );
  const catalog = new TopicCatalog([{ type: TEST_EVENT_TYPE, topic: h.topic, summary: 'test', dataSchema: {} }]);
  const service = new SubscriptionsService({ store, bus: h.bus, bureaus: h.bureaus, watcher, catalog, policy: { allowList, requireHttps: false }, hierarchyGraceMs: options.graceMs ?? 500 });
  return {
    store,
    service,
    worker,
    async stop() {
      await worker.stop();
      sender.close();
    },
  };
}

export const SYSTEM_ADMIN = { subject: 'root', bureauId: 'system', roles: ['system-admin'] };
