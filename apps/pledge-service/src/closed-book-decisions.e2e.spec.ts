// Review decisions that arrive out of step: one reaching a book already closed with its year is
// settled news (nothing recorded, nothing parked); a publication act that overtakes the approval
// it follows (they travel on different keys) waits for it instead of being parked.
import { Topics } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import { listParked } from '@pledgebook/message-bus';
import { join } from 'node:path';
import { eventually, items, seededService, YEAR } from './testing/fixtures';
import { publishReviewEvent } from './testing/review-events';

const service = seededService();

describe('a decision on a closed book', () => {
  it('is ignored: the book stays closed and nothing is parked', async () => {
    const { h, b } = service;
    expect((await h.call(b.admin, 'POST', '/api/v1/bureaus/weihai/years', { year: YEAR - 1 })).status).toBe(201);
    const drafted = await h.call(b.wang, 'POST', '/api/v1/pledges', { year: YEAR - 1, pledger: { type: 'individual', memberIds: ['wang'] }, items });
    const pledgeId = drafted.body.pledgeId as string;
    expect((await h.call(b.wang, 'POST', `/api/v1/pledges/${pledgeId}/submit`)).status).toBe(200);
    expect((await h.call(b.admin, 'POST', `/api/v1/bureaus/weihai/years/${YEAR - 1}/close`)).status).toBe(200);
    await eventually(() => h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'closed');
    const revision = (await h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`)).body.revision as number;

    await publishReviewEvent(h.dataDir, 'pledgebook.review.pledge-approved.v1', pledgeId, { pledgeId, reviewId: `review-${pledgeId}.r1`, round: 1, decidedBy: 'sun', decidedAt: new Date().toISOString() });
    // A later decision on an open book shows the consumer has moved past the first one.
    const other = (await h.call(b.li, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['li'] }, items })).body.pledgeId as string;
    expect((await h.call(b.li, 'POST', `/api/v1/pledges/${other}/submit`)).status).toBe(200);
    await publishReviewEvent(h.dataDir, 'pledgebook.review.pledge-approved.v1', other, { pledgeId: other, reviewId: `review-${other}.r1`, round: 1, decidedBy: 'sun', decidedAt: new Date().toISOString() });
    await eventually(() => h.call(b.li, 'GET', `/api/v1/pledges/${other}`), (r) => r.body.status === 'approved');

    const closed = (await h.call(b.wang, 'GET', `/api/v1/pledges/${pledgeId}`)).body;
    expect(closed).toMatchObject({ status: 'closed', revision });
    const bus = await openMessageBus(`sqlite:${join(h.dataDir, 'bus.db')}`);
    try {
      // Every decision handled (ignored, applied or parked) before looking at the dead letters.
      for (const deadline = Date.now() + 20_000; (await bus.lag('pledge-service.review-decisions', Topics.review)) > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
      expect(await bus.lag('pledge-service.review-decisions', Topics.review)).toBe(0);
      expect(await listParked(bus, Topics.review)).toEqual([]);
    } finally {
      await bus.close();
    }
  });

  it('waits, when a publication overtakes its approval, and then records both in order', async () => {
    const { h, b } = service;
    const pledgeId = (await h.call(b.secretary, 'POST', '/api/v1/pledges', { year: YEAR, pledger: { type: 'individual', memberIds: ['sun'] }, items })).body.pledgeId as string;
    expect((await h.call(b.secretary, 'POST', `/api/v1/pledges/${pledgeId}/submit`)).status).toBe(200);
    const at = new Date().toISOString();
    await publishReviewEvent(h.dataDir, 'pledgebook.review.pledges-published.v1', 'branch-1', { publicationId: `pub-${pledgeId}`, branchId: 'branch-1', year: YEAR, pledgeIds: [pledgeId], publishedBy: 'sun', publishedAt: at });
    // Longer than the ordinary retries (about 1.5 s) before the approval comes.
    await new Promise((r) => setTimeout(r, 3000));
    await publishReviewEvent(h.dataDir, 'pledgebook.review.pledge-approved.v1', pledgeId, { pledgeId, reviewId: `review-${pledgeId}.r1`, round: 1, decidedBy: 'sun', decidedAt: at });
    const published = await eventually(() => h.call(b.secretary, 'GET', `/api/v1/pledges/${pledgeId}`), (r) => r.body.status === 'published', 30_000);
    expect(published.body.status).toBe('published');
    const bus = await openMessageBus(`sqlite:${join(h.dataDir, 'bus.db')}`);
    try {
      expect(await listParked(bus, Topics.review)).toEqual([]);
    } finally {
      await bus.close();
    }
  }, 60_000);
});
