/** A pledge item's status at a monthly check. */
export const ITEM_STATUSES = ['done', 'on-track', 'behind', 'not-started'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = { done: '已完成', 'on-track': '按进度推进', behind: '进度滞后', 'not-started': '尚未开始' };

export type StatusCounts = Record<ItemStatus, number>;

export const emptyStatusCounts = (): StatusCounts => ({ done: 0, 'on-track': 0, behind: 0, 'not-started': 0 });

export function countStatuses(statuses: Iterable<ItemStatus>): StatusCounts {
  const counts = emptyStatusCounts();
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** A pledge item, named by its book and number. */
export interface ItemRef {
  pledgeId: string;
  itemNo: number;
}

export const itemKey = (item: ItemRef): string => `${item.pledgeId}#${item.itemNo}`;

/**
 * One item's status as a monthly check recorded it (or a correction changed it), with the id of
 * that event: what the dispatch summary and the scores are computed from. Later facts of the same
 * month (corrections) override earlier ones.
 */
export interface ItemStatusFact extends ItemRef {
  eventId: string;
  groupId: string;
  month: string;
  memberId: string;
  status: ItemStatus;
}

/** The latest status of each item (by month, then by order given), as of `untilMonth` inclusive. */
export function latestStatuses(facts: readonly ItemStatusFact[], untilMonth: string): Map<string, ItemStatusFact> {
  const latest = new Map<string, ItemStatusFact>();
  for (const fact of facts) {
    if (fact.month > untilMonth) continue;
    const key = `${fact.memberId}|${itemKey(fact)}`;
    const seen = latest.get(key);
    if (!seen || fact.month >= seen.month) latest.set(key, fact);
  }
  return latest;
}
