// Batched webhooks (ADR 0090): a target with `batch` gets the next events in scope, up to its
// maxEvents, as one CloudEvents batch (a JSON array) per request, signed as one Standard Webhooks
// message. Order, scope, retries, parking and redelivery hold as for single events.
import type { CloudEvent } from '@pledgebook/contracts';
import { batchId, type AttemptDocument } from '@pledgebook/gateway-subscriptions';
import { testCloudEvent } from '@pledgebook/message-bus/testing';
import { Webhook } from 'standardwebhooks';
import { deliveryKit, eventually, kitOnManualClock, mergedOrder, openHarness, receiversClosedAfterEach, retryUntilPaused, SYSTEM_ADMIN, type DeliveryKit, type Harness } from './testing/delivery-harness';

let h: Harness;
let kit: DeliveryKit;
const receiving = receiversClosedAfterEach(() => ({ kit, h }));

const scope = { bureauId: 'weihai', includeDescendants: true };
const owner = { bureauId: 'weihai', subscriberId: 'cadre-records' };
const inScope = (e: CloudEvent) => e.bureauid === 'weihai' || e.bureauid === 'rongcheng';
const bureaus = ['weihai', 'qingdao', 'rongcheng', 'shandong', 'weihai'];

const events = (r: { event: unknown }) => r.event as CloudEvent[];

describe('batched webhook delivery', () => {
  it('sends the events in scope as CloudEvents batches of at most maxEvents, in the topic’s order, each batch signed', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    const receiver = await receiving();
    const created = await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: receiver.url, batch: { maxEvents: 25 } } });
    expect((await kit.service.get(SYSTEM_ADMIN, created.subscriptionId)).target).toEqual({ url: receiver.url, batch: { maxEvents: 25 } });
    // Written before the worker starts, so the first requests find full batches waiting.
    await h.bus.publish(h.topic, Array.from({ length: 300 }, (_, n) => ({ key: `pledge-${n % 11}`, value: { ...testCloudEvent(`pledge-${n % 11}`, n), bureauid: bureaus[n % 5]! } })));
    kit.worker.start();
    // Published while delivery runs, each in a millisecond of its own: two events of the same
    // millisecond in two partitions merge by partition, which a reader that already took the
    // first one published cannot honour (the merged order is the events' time, then partition).
    for (let n = 300; n < 330; n++) {
      await new Promise((r) => setTimeout(r, 2));
      await h.publish(`pledge-${n % 11}`, n, bureaus[n % 5]!);
    }
    const want = (await mergedOrder(h)).filter(inScope);
    expect(want).toHaveLength(198);
    await eventually(() => receiver.received.flatMap(events).length >= want.length, 15_000, 'every event');
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received.flatMap(events).map((e) => e.id)).toEqual(want.map((e) => e.id));
    expect(receiver.received.length).toBeLessThan(want.length);
    expect(receiver.received.some((r) => events(r).length === 25)).toBe(true);
    const verifier = new Webhook(created.secret!);
    for (const r of receiver.received) {
      const batch = events(r);
      expect(Array.isArray(batch) && batch.length >= 1 && batch.length <= 25).toBe(true);
      expect(r.headers['content-type']).toBe('application/cloudevents-batch+json; charset=utf-8');
      expect(r.headers['webhook-id']).toBe(batchId(batch));
      expect(r.headers['webhook-id']).toMatch(new RegExp(`^batch_${batch[0]!.id}_${batch.length}_[A-Za-z0-9_-]{16}$`));
      expect(verifier.verify(r.body, r.headers as Record<string, string>)).toEqual(batch);
    }
    // One attempt per request, naming its first and last event and how many it carried.
    await eventually(async () => (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 200)).items.length === receiver.received.length, 5_000, 'the attempt log');
    const attempts = (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 200)).items as AttemptDocument[];
    expect(attempts.reduce((sum, a) => sum + a.eventCount!, 0)).toBe(want.length);
    const firsts = new Map(receiver.received.map((r) => [events(r)[0]!.id, events(r)]));
    for (const a of attempts) expect({ last: a.lastEventId, outcome: a.outcome }).toEqual({ last: firsts.get(a.eventId)!.at(-1)!.id, outcome: 'delivered' });
  }, 30_000);

  it('retries the same batch under the same webhook-id, parks every event of it when retries run out, and redelivers them in a batch', async () => {
    h = await openHarness();
    const manual = kitOnManualClock(h);
    kit = manual.kit;
    let failing = true;
    const receiver = await receiving(() => (failing ? 500 : 204));
    const created = await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: receiver.url, batch: { maxEvents: 3 } } });
    // Ids that sort against the topic's order (by time): a parked batch must come back in the topic's order, not the ids'.
    const at = (n: number) => ({ id: `event-${9 - n}`, time: new Date(Date.parse('2026-11-29T01:00:00Z') + n * 1000).toISOString() });
    const first: CloudEvent[] = [];
    for (const [n, [key, bureau]] of [['a', 'weihai'], ['b', 'qingdao'], ['c', 'rongcheng'], ['d', 'weihai'], ['e', 'weihai']].entries()) first.push(await h.publish(key!, 0, bureau!, at(n)));
    kit.worker.start();
    // Each failure schedules the next attempt; the scheduler clock jumps there.
    await retryUntilPaused(kit, manual.clock, created.subscriptionId, receiver);
    expect(receiver.received.length).toBeGreaterThan(8);
    // Every attempt carried the same three events under the same webhook-id.
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([batchId(events(receiver.received[0]!))]));
    const firstBatch = events(receiver.received[0]!).map((e) => e.id);
    expect(new Set(receiver.received.map((r) => events(r).map((e) => e.id).join()))).toEqual(new Set([firstBatch.join()]));
    const parked = (await kit.service.parked(SYSTEM_ADMIN, created.subscriptionId)).items;
    expect(parked.map((p) => p.eventId).sort()).toEqual([...firstBatch].sort());
    expect(parked.every((p) => p.attempts === receiver.received.length && p.lastError === 'answered 500: receiver says no')).toBe(true);
    expect((await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 1)).items[0]).toMatchObject({ outcome: 'parked', eventCount: 3 });

    failing = false;
    const tried = receiver.received.length;
    expect(await kit.service.redeliver(SYSTEM_ADMIN, created.subscriptionId)).toEqual({ requested: 3, status: 'active' });
    const want = (await mergedOrder(h)).filter(inScope).map((e) => e.id);
    expect(want).toHaveLength(first.length - 1);
    await eventually(() => receiver.received.slice(tried).flatMap(events).length >= want.length, 10_000, 'the parked batch and the rest');
    const after = receiver.received.slice(tried).map((r) => events(r).map((e) => e.id));
    expect(firstBatch).toEqual(['event-9', 'event-7', 'event-6']);
    expect(after[0]).toEqual(firstBatch);
    expect(after.flat().slice(3)).toEqual(want.slice(3));
    await eventually(async () => (await kit.service.parked(SYSTEM_ADMIN, created.subscriptionId)).items.length === 0, 5_000, 'the parked deliveries resolved');
  }, 60_000);

  it('halves a batch the receiver finds too large (413) until it takes it, and sends the rest after, in order', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    const receiver = await receiving((r) => (events(r).length > 3 ? 413 : 204));
    const created = await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: receiver.url, batch: { maxEvents: 10 } } });
    await h.bus.publish(h.topic, Array.from({ length: 30 }, (_, n) => ({ key: `pledge-${n % 5}`, value: { ...testCloudEvent(`pledge-${n % 5}`, n), bureauid: bureaus[n % 5]! } })));
    kit.worker.start();
    const want = (await mergedOrder(h)).filter(inScope).map((e) => e.id);
    expect(want).toHaveLength(18);
    const accepted = () => receiver.received.filter((r) => events(r).length <= 3);
    await eventually(() => accepted().flatMap(events).length >= want.length, 10_000, 'every event accepted');
    expect(accepted().flatMap(events).map((e) => e.id)).toEqual(want);
    expect(receiver.received.some((r) => events(r).length === 10)).toBe(true);
    await eventually(async () => (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 200)).items.length === receiver.received.length, 5_000, 'the attempt log');
    const log = (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 200)).items;
    expect(log.filter((a) => a.status === 413).every((a) => a.outcome === 'failed' && a.eventCount! > 3)).toBe(true);
    expect((await kit.service.get(SYSTEM_ADMIN, created.subscriptionId)).status).toBe('active');
    expect((await kit.service.parked(SYSTEM_ADMIN, created.subscriptionId)).items).toEqual([]);
  }, 30_000);

  it('refuses a batch size outside 2 to 1000, storing nothing', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    for (const maxEvents of [1, 0, 1001, 2.5]) {
      await expect(kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: 'http://127.0.0.1:9/in', batch: { maxEvents } } })).rejects.toMatchObject({
        code: 'batch_invalid',
        details: { field: 'target/batch/maxEvents' },
      });
    }
    expect(await kit.store.all()).toEqual([]);
  });
});
