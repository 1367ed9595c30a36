// The delivery worker on the embedded bus and document store, against local receivers: order,
// scope, signatures, the retry schedule on a scheduler clock (an hour of failures in a moment),
// parking, pausing, redelivery, replay and rotation.
import type { CloudEvent } from '@pledgebook/contracts';
import { busEntries, TopicStream, type AttemptDocument } from '@pledgebook/gateway-subscriptions';
import { testCloudEvent } from '@pledgebook/message-bus/testing';
import { Webhook } from 'standardwebhooks';
import { deliveryKit, eventually, kitOnManualClock, mergedOrder, openHarness, receiversClosedAfterEach, retryUntilPaused, SYSTEM_ADMIN, type DeliveryKit, type Harness } from './testing/delivery-harness';

let h: Harness;
let kit: DeliveryKit;
const receiving = receiversClosedAfterEach(() => ({ kit, h }));

const scope = { bureauId: 'weihai', includeDescendants: true };

/** Every event's JSON as the bus holds it, by id. */
async function storedTexts(harness: Harness): Promise<Map<string, string>> {
  const stream = new TopicStream(busEntries(harness.bus), harness.topic, []);
  const texts = new Map<string, string>();
  for (let e = await stream.peek(); e; e = await stream.peek()) texts.set(e.id, stream.take().body.toString('utf8'));
  return texts;
}

describe('webhook delivery', () => {
  it('delivers every event in scope once, in the topic’s merged order, signed with the subscription’s secret', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    const receiver = await receiving();
    const created = await kit.service.create(SYSTEM_ADMIN, { owner: { bureauId: 'weihai', subscriberId: 'cadre-records' }, topic: h.topic, bureauScope: scope, target: { url: receiver.url } });
    kit.worker.start();
    const bureaus = ['weihai', 'rongcheng', 'qingdao', 'shandong'];
    for (let n = 0; n < 40; n++) await h.publish(`pledge-${n % 7}`, n, bureaus[n % 4]!);
    const expected = (await mergedOrder(h)).filter((e) => e.bureauid === 'weihai' || e.bureauid === 'rongcheng');
    expect(expected).toHaveLength(20);
    await eventually(() => receiver.received.length >= 20, 15_000, 'twenty deliveries');
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received.map((r) => r.event.id)).toEqual(expected.map((e) => e.id));
    const verifier = new Webhook(created.secret!);
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toBe(r.event.id);
      expect(r.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(verifier.verify(r.body, r.headers as Record<string, string>)).toEqual(r.event);
    }
    await eventually(async () => (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 100)).items.length === 20, 5_000, 'the attempt log');
    const attempts = (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 100)).items as Partial<AttemptDocument>[];
    expect(attempts.every((a) => a.outcome === 'delivered' && a.status === 204 && typeof a.latencyMs === 'number')).toBe(true);
  }, 30_000);

  it('gives subscriptions at different positions and scopes, reading shared pages, each its own events in order, the stored JSON as body', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    const [tree, qingdao, later] = [await receiving(), await receiving(), await receiving()];
    const owner = { bureauId: 'shandong', subscriberId: 'oversight' };
    await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: scope, target: { url: tree.url } });
    await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: { bureauId: 'qingdao', includeDescendants: false }, target: { url: qingdao.url } });
    kit.worker.start();
    const bureaus = ['weihai', 'rongcheng', 'qingdao', 'shandong'];
    // Each batch in one publish: a stream that read one partition before a batch's other partitions
    // were written would deliver by the order it could see (ADR 0051), not the order this test expects.
    const publish = (from: number, count: number) =>
      h.bus.publish(h.topic, Array.from({ length: count }, (_, k) => ({ key: `pledge-${(from + k) % 13}`, value: { ...testCloudEvent(`pledge-${(from + k) % 13}`, from + k), bureauid: bureaus[(from + k) % 4]! } })));
    await publish(0, 500);
    const created = await kit.service.create(SYSTEM_ADMIN, { owner, topic: h.topic, bureauScope: { bureauId: 'weihai', includeDescendants: false }, target: { url: later.url } });
    const start = new Set((await mergedOrder(h)).map((e) => e.id));
    await eventually(async () => kit.worker.running.includes(created.subscriptionId), 5_000, 'the third subscription running');
    await publish(500, 500);
    const all = await mergedOrder(h);
    const wants = {
      tree: all.filter((e) => e.bureauid === 'weihai' || e.bureauid === 'rongcheng'),
      qingdao: all.filter((e) => e.bureauid === 'qingdao'),
      later: all.filter((e) => !start.has(e.id) && e.bureauid === 'weihai'),
    };
    await eventually(() => tree.received.length >= wants.tree.length && qingdao.received.length >= wants.qingdao.length && later.received.length >= wants.later.length, 20_000, 'every delivery');
    await new Promise((r) => setTimeout(r, 200));
    expect(tree.received.map((r) => r.event.id)).toEqual(wants.tree.map((e) => e.id));
    expect(qingdao.received.map((r) => r.event.id)).toEqual(wants.qingdao.map((e) => e.id));
    expect(later.received.map((r) => r.event.id)).toEqual(wants.later.map((e) => e.id));
    const texts = await storedTexts(h);
    for (const r of [...tree.received, ...qingdao.received, ...later.received]) expect(r.body).toBe(texts.get(r.event.id));
  }, 60_000);

  it('retries a receiver that answers 500 for an hour of scheduler time, then parks and pauses; redelivery brings it level', async () => {
    h = await openHarness();
    const manual = kitOnManualClock(h);
    kit = manual.kit;
    let failing = true;
    const receiver = await receiving(() => (failing ? 500 : 200));
    const created = await kit.service.create(SYSTEM_ADMIN, { owner: { bureauId: 'weihai', subscriberId: 'cadre-records' }, topic: h.topic, bureauScope: scope, target: { url: receiver.url } });
    kit.worker.start();
    const first = await h.publish('pledge-1', 0, 'weihai');
    const second = await h.publish('pledge-2', 0, 'rongcheng');
    const third = await h.publish('pledge-1', 1, 'weihai');
    // Each failure schedules the next attempt; the scheduler clock jumps there.
    await retryUntilPaused(kit, manual.clock, created.subscriptionId, receiver);
    const sub = await kit.service.get(SYSTEM_ADMIN, created.subscriptionId);
    expect(sub).toMatchObject({ status: 'paused', pausedReason: expect.stringMatching(/60 minutes after the first failure.*answered 500: receiver says no/) });
    expect(new Set(receiver.received.map((r) => r.event.id))).toEqual(new Set([first.id]));
    expect(receiver.received.length).toBeGreaterThan(8);
    const parked = await kit.service.parked(SYSTEM_ADMIN, created.subscriptionId);
    expect(parked.items).toEqual([expect.objectContaining({ parkedId: first.id, eventId: first.id, attempts: receiver.received.length, lastError: 'answered 500: receiver says no' })]);
    const log = (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 100)).items;
    expect(log[0]).toMatchObject({ outcome: 'parked', status: 500 });
    expect(log.slice(1).every((a) => a.outcome === 'failed' && a.status === 500 && a.error === 'answered 500: receiver says no')).toBe(true);

    // Paused: nothing newer goes out.
    await new Promise((r) => setTimeout(r, 300));
    const tried = receiver.received.length;
    expect(receiver.received).toHaveLength(tried);

    // A redelivery naming an id that is not parked here changes nothing: no redelivery, no resume.
    await expect(kit.service.redeliver(SYSTEM_ADMIN, created.subscriptionId, [first.id, 'not-parked'])).rejects.toMatchObject({ code: 'unknown_parked', kind: 'invalid', details: { field: 'parkedIds/1' } });
    expect(await kit.service.get(SYSTEM_ADMIN, created.subscriptionId)).toMatchObject({ status: 'paused' });
    expect((await kit.service.parked(SYSTEM_ADMIN, created.subscriptionId)).items).toEqual([expect.objectContaining({ parkedId: first.id })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(tried);

    failing = false;
    expect(await kit.service.redeliver(SYSTEM_ADMIN, created.subscriptionId)).toEqual({ requested: 1, status: 'active' });
    await eventually(() => receiver.received.length >= tried + 3, 10_000, 'the parked delivery and the rest');
    expect(receiver.received.slice(tried).map((r) => r.event.id)).toEqual([first.id, second.id, third.id]);
    await eventually(async () => (await kit.service.parked(SYSTEM_ADMIN, created.subscriptionId)).items.length === 0, 5_000, 'the parked delivery resolved');
    expect(await kit.service.get(SYSTEM_ADMIN, created.subscriptionId)).toMatchObject({ status: 'active' });
  }, 60_000);

  it('parks at once and pauses on 410 Gone; a paused subscription resumes where it stopped', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    let status = 410;
    const receiver = await receiving(() => status);
    const created = await kit.service.create(SYSTEM_ADMIN, { owner: { bureauId: 'weihai', subscriberId: 's' }, topic: h.topic, bureauScope: scope, target: { url: receiver.url } });
    kit.worker.start();
    const gone = await h.publish('k', 0, 'weihai');
    await eventually(async () => (await kit.store.get(created.subscriptionId))!.status === 'paused', 5_000, 'the pause');
    expect((await kit.service.get(SYSTEM_ADMIN, created.subscriptionId)).pausedReason).toMatch(/410 Gone/);
    const later = await h.publish('k', 1, 'weihai');
    status = 204;
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received.map((r) => r.event.id)).toEqual([gone.id]);
    await kit.service.resume(SYSTEM_ADMIN, created.subscriptionId);
    await eventually(() => receiver.received.length === 2, 5_000, 'the next event');
    expect(receiver.received[1]!.event.id).toBe(later.id);
    expect((await kit.service.parked(SYSTEM_ADMIN, created.subscriptionId)).items.map((p) => p.eventId)).toEqual([gone.id]);
    await kit.service.pause(SYSTEM_ADMIN, created.subscriptionId);
    await eventually(async () => (await kit.store.get(created.subscriptionId))!.status === 'paused');
    await new Promise((r) => setTimeout(r, 100));
    await h.publish('k', 2, 'weihai');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(2);
    await kit.service.resume(SYSTEM_ADMIN, created.subscriptionId);
    await eventually(() => receiver.received.length === 3, 5_000, 'the event published while paused');
  }, 30_000);

  it('replays from an attempt’s position and from a time; the same ids come again', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    const receiver = await receiving();
    const created = await kit.service.create(SYSTEM_ADMIN, { owner: { bureauId: 'weihai', subscriberId: 's' }, topic: h.topic, bureauScope: scope, target: { url: receiver.url } });
    kit.worker.start();
    const events: CloudEvent[] = [];
    for (let n = 0; n < 6; n++) {
      events.push(await h.publish(`k${n % 3}`, n, 'weihai'));
      await new Promise((r) => setTimeout(r, 15));
    }
    await eventually(() => receiver.received.length === 6, 5_000, 'six deliveries');
    await eventually(async () => (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 10)).items.length === 6, 5_000, 'the log');
    const order = receiver.received.map((r) => r.event.id);
    const attempts = (await kit.service.attempts(SYSTEM_ADMIN, created.subscriptionId, 10)).items;
    const fourth = attempts.find((a) => a.eventId === order[3])!;
    await kit.service.replay(SYSTEM_ADMIN, created.subscriptionId, { position: fourth.position });
    await eventually(() => receiver.received.length === 9, 5_000, 'the replay from a position');
    expect(receiver.received.slice(6).map((r) => r.event.id)).toEqual(order.slice(3));
    const third = events.find((e) => e.id === order[2])!;
    await kit.service.replay(SYSTEM_ADMIN, created.subscriptionId, { time: third.time });
    await eventually(() => receiver.received.length >= 13, 5_000, 'the replay from a time');
    expect(new Set(receiver.received.slice(9).map((r) => r.event.id))).toEqual(new Set(events.filter((e) => e.time >= third.time).map((e) => e.id)));
  }, 30_000);

  it('signs with the old and the new secret during a rotation’s overlap', async () => {
    h = await openHarness();
    kit = deliveryKit(h);
    const receiver = await receiving();
    const created = await kit.service.create(SYSTEM_ADMIN, { owner: { bureauId: 'weihai', subscriberId: 's' }, topic: h.topic, bureauScope: scope, target: { url: receiver.url } });
    const rotated = await kit.service.rotateSecret(SYSTEM_ADMIN, created.subscriptionId, 3_600);
    kit.worker.start();
    await h.publish('k', 0, 'weihai');
    await eventually(() => receiver.received.length === 1, 5_000, 'a delivery');
    const [r] = receiver.received;
    expect(String(r!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [created.secret!, rotated.secret]) expect(new Webhook(secret).verify(r!.body, r!.headers as Record<string, string>)).toEqual(r!.event);
    expect((await kit.service.get(SYSTEM_ADMIN, created.subscriptionId)).secrets).toEqual([
      { secretId: rotated.secretId, createdAt: expect.any(String) },
      { secretId: created.secrets[0]!.secretId, createdAt: expect.any(String), expiresAt: rotated.previousSecretsSignUntil },
    ]);
  }, 30_000);
});
