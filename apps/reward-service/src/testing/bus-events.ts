import { dataSchemaUri, Topics, type CloudEvent } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import { newId } from '@pledgebook/util';
import { join } from 'node:path';

/** Publishes a valid CloudEvent to the embedded bus the services read, as another service would. */
export async function publishEvent(dataDir: string, topic: string, type: string, key: string, subject: string, data: Record<string, unknown>, bureauId = 'weihai'): Promise<CloudEvent> {
  const service = topic === Topics.review ? 'review-service' : 'appraisal-service';
  const event: CloudEvent = {
    specversion: '1.0',
    id: newId(),
    source: `/bureaus/${bureauId}/${service}`,
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(type),
    data,
    bureauid: bureauId,
    actorid: 'li-hm',
    correlationid: newId(),
    causationid: newId(),
    streamid: `${service.split('-')[0]}-${key}`,
    streamrevision: 0,
    hash: 'b'.repeat(64),
  };
  const bus = await openMessageBus(`sqlite:${join(dataDir, 'bus.db')}`);
  try {
    await bus.publish(topic, [{ key, value: event }]);
  } finally {
    await bus.close();
  }
  return event;
}

/** The review service's approval and publication of a book (the pledge service records both). */
export async function approveAndPublish(dataDir: string, pledgeId: string, year: number, branchId = 'branch-1'): Promise<void> {
  const at = new Date().toISOString();
  await publishEvent(dataDir, Topics.review, 'pledgebook.review.pledge-approved.v1', pledgeId, `reviews/${pledgeId}`, { pledgeId, reviewId: `review-${pledgeId}`, round: 1, decidedBy: 'sun', decidedAt: at });
  await publishEvent(dataDir, Topics.review, 'pledgebook.review.pledges-published.v1', branchId, `publications/${branchId}`, {
    publicationId: `pub-${pledgeId}`,
    branchId,
    year,
    pledgeIds: [pledgeId],
    publishedBy: 'sun',
    publishedAt: at,
  });
}

/** The appraisal service's final result for a member (pledgebook.appraisal.result-finalized.v1). */
export function finalizeResult(dataDir: string, r: { memberId: string; year: number; half: 'H1' | 'H2'; grade: 'excellent' | 'qualified' | 'basically-qualified' | 'unqualified'; points: number }, bureauId = 'weihai') {
  const labels = { excellent: '优秀', qualified: '合格', 'basically-qualified': '基本合格', unqualified: '不合格' };
  const roundId = `round-${r.year}-${r.half}`;
  return publishEvent(
    dataDir,
    Topics.appraisal,
    'pledgebook.appraisal.result-finalized.v1',
    roundId,
    `rounds/${r.year}-${r.half}/members/${r.memberId}`,
    { bureauId, roundId, year: r.year, half: r.half, memberId: r.memberId, partyStatus: 'full', points: r.points, grade: r.grade, gradeLabel: labels[r.grade], schemeVersion: 1, finalizedAt: new Date().toISOString() },
    bureauId,
  );
}

/** A party group's monthly check, as counts (pledgebook.appraisal.monthly-check-recorded.v1). */
export function recordCheck(dataDir: string, c: { groupId: string; branchId?: string; month: string; items: number; done: number; onTrack: number; behind: number; notStarted: number; members: number }, bureauId = 'weihai') {
  const checkId = `check-${c.groupId}-${c.month}`;
  return publishEvent(dataDir, Topics.appraisal, 'pledgebook.appraisal.monthly-check-recorded.v1', checkId, `monthly-checks/${c.groupId}/${c.month}`, { bureauId, checkId, ...c, recordedAt: new Date().toISOString() }, bureauId);
}

/** Every message on a topic so far, read from its start without joining a group. */
export async function topicMessages(dataDir: string, topic: string): Promise<CloudEvent[]> {
  const bus = await openMessageBus(`sqlite:${join(dataDir, 'bus.db')}`);
  try {
    return (await bus.browse(topic, { limit: 100_000 })).map((m) => m.value);
  } finally {
    await bus.close();
  }
}
