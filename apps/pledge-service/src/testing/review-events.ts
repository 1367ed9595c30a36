import { dataSchemaUri, Topics, type CloudEvent } from '@pledgebook/contracts';
import { programmeYearOf } from '@pledgebook/pledge-domain';
import { openMessageBus } from '@pledgebook/infrastructure';
import { newId } from '@pledgebook/util';
import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Publishes a review decision to the bus the service reads, as the review service will. */
export async function publishReviewEvent(dataDir: string, type: string, key: string, data: Record<string, unknown>, bureauId = 'weihai'): Promise<CloudEvent> {
  const event: CloudEvent = {
    specversion: '1.0',
    id: newId(),
    source: `/bureaus/${bureauId}/review-service`,
    type,
    subject: `reviews/${key}`,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(type),
    data,
    bureauid: bureauId,
    actorid: 'sun',
    correlationid: newId(),
    causationid: newId(),
    streamid: `review-${key}`,
    streamrevision: 0,
    hash: 'a'.repeat(64),
  };
  const bus = await openMessageBus(`sqlite:${join(dataDir, 'bus.db')}`);
  try {
    await bus.publish(Topics.review, [{ key, value: event }]);
  } finally {
    await bus.close();
  }
  return event;
}

export async function approveAndPublish(dataDir: string, pledgeId: string, round = 1): Promise<void> {
  const at = new Date().toISOString();
  await publishReviewEvent(dataDir, 'pledgebook.review.pledge-approved.v1', pledgeId, { pledgeId, reviewId: `review-${pledgeId}`, round, decidedBy: 'sun', decidedAt: at });
  // The two messages have different keys, so the bus may hand them over in either order (a
  // publication seen first is recorded as noticed, then applied with the approval). Tests that
  // read the plain story wait for the approval to be recorded before the publication goes out.
  await untilRecorded(dataDir, `pledge-${pledgeId}`, 'PledgeApproved');
  await publishReviewEvent(dataDir, 'pledgebook.review.pledges-published.v1', 'branch-1', {
    publicationId: `pub-${pledgeId}`,
    branchId: 'branch-1',
    year: programmeYearOf(new Date().toISOString()),
    pledgeIds: [pledgeId],
    publishedBy: 'sun',
    publishedAt: at,
  });
}

/** Waits (up to 30 s) until the service's event store holds an event of this type in the stream. */
async function untilRecorded(dataDir: string, stream: string, type: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const db = new Database(join(dataDir, 'eventstore.db'), { readonly: true, fileMustExist: true });
    try {
      if (db.prepare('SELECT 1 FROM events WHERE stream = ? AND type = ?').get(stream, type)) return;
    } finally {
      db.close();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${type} was not recorded in ${stream} within 30 s`);
}
