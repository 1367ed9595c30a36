import type { DueFact } from './facts';

/** The review service's defaults until a bureau sets its own deadlines (days per stage). */
export const DEFAULT_REVIEW_DEADLINES = { groupDays: 7, branchDays: 14 } as const;
/** A party group's check of a month is due from this day of the month on (ADR 0072). */
export const CHECK_DUE_FROM_DAY = 20;

export interface DueSnapshot {
  deadlines?: { groupDays: number; branchDays: number };
  /** Reviews waiting at a stage. */
  reviews: Array<{ pledgeId: string; round: number; stage: 'group' | 'branch'; since: string; groupId?: string; branchId?: string }>;
  /** Talks scheduled and neither held nor cancelled. */
  talks: Array<{ talkId: string; memberId: string; branchId: string; dueOn: string }>;
  /** The party groups of the bureau's directory. */
  groups: Array<{ groupId: string; branchId?: string }>;
  /** `<groupId>|<YYYY-MM>` of every monthly check recorded. */
  checksRecorded: ReadonlySet<string>;
}

/** A due fact with the key that makes it once-only (its event id derives from it). */
export interface DueFinding {
  key: string;
  fact: DueFact;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * What has fallen due by `now` (pure; the clock comes in): reviews past their stage's deadline,
 * talks past their due date, and this month's checks not recorded from CHECK_DUE_FROM_DAY on.
 * Each finding's key names the thing once, so finding it again on the next scan adds nothing.
 */
export function findDue(now: Date, timeZone: string, snapshot: DueSnapshot): DueFinding[] {
  const found: DueFinding[] = [];
  const deadlines = snapshot.deadlines ?? DEFAULT_REVIEW_DEADLINES;
  for (const r of snapshot.reviews) {
    const days = r.stage === 'group' ? deadlines.groupDays : deadlines.branchDays;
    if (now.getTime() - Date.parse(r.since) <= days * 86_400_000) continue;
    const fact: DueFact = { due: 'review-overdue', pledgeId: r.pledgeId, round: r.round, stage: r.stage, since: r.since, days, ...(r.groupId ? { groupId: r.groupId } : {}), ...(r.branchId ? { branchId: r.branchId } : {}) };
    found.push({ key: `review-overdue|${r.pledgeId}|${r.round}|${r.stage}|${r.since}`, fact });
  }
  const today = localDate(now, timeZone);
  for (const t of snapshot.talks) {
    if (t.dueOn >= today) continue;
    found.push({ key: `talk-overdue|${t.talkId}`, fact: { due: 'talk-overdue', talkId: t.talkId, memberId: t.memberId, branchId: t.branchId, dueOn: t.dueOn } });
  }
  const month = today.slice(0, 7);
  if (Number(today.slice(8, 10)) >= CHECK_DUE_FROM_DAY) {
    for (const g of snapshot.groups) {
      if (snapshot.checksRecorded.has(`${g.groupId}|${month}`)) continue;
      found.push({ key: `check-due|${g.groupId}|${month}`, fact: { due: 'check-due', groupId: g.groupId, ...(g.branchId ? { branchId: g.branchId } : {}), month } });
    }
  }
  return found;
}
