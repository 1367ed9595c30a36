// The attempt log lists newest first, also among attempts made within the same millisecond.
import { SecretBox, SubscriptionStore, type AttemptDocument } from '@pledgebook/gateway-subscriptions';
import { openReadModelStore } from '@pledgebook/infrastructure';
import type { ReadModelStore } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRET_KEYS } from './testing/delivery-harness';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-attempts-'));
let views: ReadModelStore;
afterAll(async () => {
  await views?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('lists attempts newest first, in the order they were made within a millisecond', async () => {
  views = await openReadModelStore(`sqlite:${join(dir, 'views.db')}`);
  const store = new SubscriptionStore(views, new SecretBox(TEST_SECRET_KEYS));
  await store.ensureIndexes();
  const at = '2026-11-29T13:38:12.046Z';
  const attempt = (n: number, attemptedAt = at): AttemptDocument => {
    const attemptId = newId();
    return { _id: attemptId, attemptId, subscriptionId: 's1', eventId: `e${n}`, eventType: 't', position: 'p', attempt: 1, attemptedAt, status: 204, latencyMs: 1, outcome: 'delivered', redelivery: false };
  };
  // Made in this order (ids are time-ordered), written in another, the last two in the same millisecond as the first.
  const made = [attempt(1, '2026-11-29T13:38:12.045Z'), attempt(2), attempt(3), attempt(4)];
  await store.commit({ cursors: [], attempts: [made[3]!, made[1]!, made[0]!, made[2]!], parkedDeleted: [] });
  const listed: string[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await store.attempts('s1', 2, cursor);
    listed.push(...page.items.map((a) => a.eventId));
    cursor = page.nextCursor;
  }
  expect(listed).toEqual(['e4', 'e3', 'e2', 'e1']);
});
