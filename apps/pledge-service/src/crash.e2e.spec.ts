import { Topics } from '@pledgebook/contracts';
import { openEventStore, openMessageBus, openReadModelStore } from '@pledgebook/infrastructure';
import { runConsumer } from '@pledgebook/message-bus';
import { applyOnce } from '@pledgebook/read-model';
import { join } from 'node:path';
import { type Bureau, eventually, items, seededService, YEAR } from './testing/fixtures';
import type { Harness } from './testing/pledge-service.harness';

const service = seededService();
let h: Harness;
let b: Bureau;
beforeAll(() => {
  ({ h, b } = service);
});

describe('killing the pledge service between append and relay', () => {
  it('loses no acknowledged write and no integration event, and consumers apply each once', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 12; i++) {
      const draft = await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'paired', memberIds: ['wang', 'li'] }, items: [items[2]] });
      expect(draft.status).toBe(201);
      const submit = await h.call(b.wang, 'POST', `/api/v1/pledges/${draft.body.pledgeId}/submit`);
      expect(submit.status).toBe(200);
      acknowledged.push(draft.body.pledgeId);
      if (i % 3 === 2) {
        // The write was acknowledged; the relay runs on its own clock and has most likely not published it yet.
        await h.kill();
        await h.restart();
      }
    }

    // Every acknowledged write is in the store, and its chain verifies.
    for (const id of acknowledged) {
      const got = await h.call(b.wang, 'GET', `/api/v1/pledges/${id}`);
      expect(got.body).toMatchObject({ status: 'submitted', revision: 1 });
      expect((await h.call(b.auditor, 'GET', `/api/v1/pledges/${id}/verify`)).body.ok).toBe(true);
    }

    // Every submission reaches the bus (at least once), whatever the kills interrupted.
    const store = await openEventStore(`sqlite:${join(h.dataDir, 'eventstore.db')}`);
    const submitted = (await store.readAll({ filter: { streamPrefixes: acknowledged.map((id) => `pledge-${id}`), eventTypes: ['PledgeSubmitted'] }, maxCount: 1000 })).events;
    expect(submitted).toHaveLength(acknowledged.length);
    const bus = await openMessageBus(`sqlite:${join(h.dataDir, 'bus.db')}`);
    const onBus = await eventually(
      () => bus.browse(Topics.pledge),
      (messages) => submitted.every((e) => messages.some((m) => m.value.id === e.id)),
    );
    expect(submitted.every((e) => onBus.some((m) => m.value.id === e.id))).toBe(true);

    // A consumer with an inbox applies each event once, duplicates or not.
    const views = await openReadModelStore(`sqlite:${join(h.dataDir, 'test-consumer-views.db')}`);
    const applied = new Map<string, number>();
    const consumer = await runConsumer(bus, { groupId: 'crash-test-consumer', topics: [Topics.pledge] }, async (event) => {
      if (event.type !== 'pledgebook.pledge.pledge-submitted.v1') return;
      await applyOnce(views, 'crash-test', event.id, async () => {
        const pledgeId = (event.data as { pledgeId: string }).pledgeId;
        applied.set(pledgeId, (applied.get(pledgeId) ?? 0) + 1);
      });
    });
    await eventually(async () => applied.size, (n) => n >= acknowledged.length);
    await consumer.stop();
    expect(acknowledged.every((id) => applied.get(id) === 1)).toBe(true);

    // The service's own read model converged: each pledge listed once, in its latest state.
    const listed = await eventually(
      () => h.call(b.admin, 'GET', `/api/v1/pledges?limit=200&status=submitted`),
      (r) => acknowledged.every((id) => r.body.items.some((p: { pledgeId: string }) => p.pledgeId === id)),
    );
    const ids = listed.body.items.map((p: { pledgeId: string }) => p.pledgeId).filter((id: string) => acknowledged.includes(id));
    expect(ids.sort()).toEqual([...acknowledged].sort());
    await Promise.all([store.close(), bus.close(), views.close()]);
  }, 120_000);
});
