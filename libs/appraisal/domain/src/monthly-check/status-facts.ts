import type { ItemStatusFact } from '../shared/statuses';
import type { MonthlyCheckEvent } from './events';

/**
 * The item statuses a stored check event states, citing its id: what dispatch summaries and
 * computed scores are built from. Feed them in stream order; a correction's facts override the
 * check's (same month, later).
 */
export function statusFactsOf(event: MonthlyCheckEvent, eventId: string): ItemStatusFact[] {
  if (event.type === 'MonthlyCheckRecorded') {
    const { month, groupId } = event.data;
    return event.data.entries.flatMap((e) => e.items.map((i) => ({ eventId, groupId, month, memberId: e.memberId, pledgeId: i.pledgeId, itemNo: i.itemNo, status: i.status })));
  }
  const { month, groupId } = event.data;
  return event.data.changes.map((c) => ({ eventId, groupId, month, memberId: c.memberId, pledgeId: c.pledgeId, itemNo: c.itemNo, status: c.status }));
}
