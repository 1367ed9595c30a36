import { monthsOfQuarter, type Quarter } from '../shared/dates';
import { emptyStatusCounts, itemKey, latestStatuses, type ItemStatusFact } from '../shared/statuses';
import type { BehindItem, DispatchRosterMember, MemberBehind, ProgressFact, QuarterSummary } from './types';

export interface QuarterFacts {
  year: number;
  quarter: Quarter;
  roster: readonly DispatchRosterMember[];
  /** The party groups whose monthly checks are expected (groups with members on the roster). */
  groupIds: readonly string[];
  /** Item statuses from the year's monthly checks up to the quarter's end (corrections after their checks). */
  statuses: readonly ItemStatusFact[];
  progress: readonly ProgressFact[];
}

const lastMonth = (facts: QuarterFacts) => monthsOfQuarter(facts.year, facts.quarter)[2]!;

/**
 * The members behind: an item whose latest status is behind, or an item due this quarter that is
 * not done (never checked counts as not done).
 */
export function findMembersBehind(facts: QuarterFacts): MemberBehind[] {
  const latest = latestStatuses(facts.statuses, lastMonth(facts));
  return facts.roster
    .map((member) => ({
      memberId: member.memberId,
      items: member.items.flatMap((item): BehindItem[] => {
        const status = latest.get(`${member.memberId}|${itemKey(item)}`)?.status;
        const ref = { pledgeId: item.pledgeId, itemNo: item.itemNo, ...(status ? { status } : {}) };
        if (status === 'behind') return [{ ...ref, reason: 'behind' }];
        if (item.dueQuarter === facts.quarter && status !== 'done') return [{ ...ref, reason: 'due-not-done' }];
        return [];
      }),
    }))
    .filter((m) => m.items.length > 0);
}

/** The quarter in figures, for the dispatch meeting (每季一调度). */
export function summarizeQuarter(facts: QuarterFacts): QuarterSummary {
  const months = monthsOfQuarter(facts.year, facts.quarter);
  const latest = latestStatuses(facts.statuses, months[2]!);
  const statusCounts = emptyStatusCounts();
  let unchecked = 0;
  let dueThisQuarter = 0;
  let dueDone = 0;
  for (const member of facts.roster) {
    for (const item of member.items) {
      const status = latest.get(`${member.memberId}|${itemKey(item)}`)?.status;
      if (status) statusCounts[status] += 1;
      else unchecked += 1;
      if (item.dueQuarter === facts.quarter) {
        dueThisQuarter += 1;
        if (status === 'done') dueDone += 1;
      }
    }
  }
  const held = new Set(facts.statuses.filter((s) => months.includes(s.month)).map((s) => `${s.groupId}|${s.month}`));
  const missing = facts.groupIds.flatMap((groupId) => months.filter((month) => !held.has(`${groupId}|${month}`)).map((month) => ({ groupId, month })));
  const expected = facts.groupIds.length * months.length;
  const progress = facts.progress.filter((p) => months.includes(p.recordedOn.slice(0, 7)));
  return {
    members: facts.roster.length,
    items: facts.roster.reduce((n, m) => n + m.items.length, 0),
    statusCounts,
    unchecked,
    checks: { expected, held: expected - missing.length, missing },
    progressRecords: progress.length,
    membersWithProgress: new Set(progress.map((p) => p.memberId)).size,
    dueThisQuarter,
    dueDone,
    membersBehind: findMembersBehind(facts).length,
  };
}
