import { monthOf, type RosterMember } from '@pledgebook/appraisal-domain';
import type { CheckView } from '../views/names';

export interface GridMember {
  memberId: string;
  name: string;
  note?: string;
  items: Array<{ pledgeId: string; itemNo: number; status?: string; note?: string }>;
}

export interface GridRow {
  groupId: string;
  name: string;
  /** `recorded`; `missing` (the month has begun and nobody recorded it); `not-due` (a month to come); `nobody` (no member with a published book). */
  status: 'recorded' | 'missing' | 'not-due' | 'nobody';
  counts?: Record<string, number>;
  recordedBy?: string;
  recordedAt?: string;
  corrections?: number;
  members: GridMember[];
  /** Members with a published book the check does not cover (published after it was recorded). */
  notChecked: string[];
}

/** One group's line of the branch grid for a month: what was checked, and what is missing. */
export function gridRow(group: { orgUnitId: string; name: string }, month: string, today: string, check: CheckView | undefined, roster: ReadonlyArray<RosterMember & { name: string }>): GridRow {
  const nameOf = (memberId: string) => roster.find((m) => m.memberId === memberId)?.name ?? memberId;
  if (!check) {
    const status = month > monthOf(today) ? 'not-due' : roster.length ? 'missing' : 'nobody';
    return { groupId: group.orgUnitId, name: group.name, status, members: roster.map((m) => ({ memberId: m.memberId, name: m.name, items: m.items.map((i) => ({ ...i })) })), notChecked: roster.map((m) => m.memberId) };
  }
  const members = Object.entries(check.entries)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([memberId, entry]) => ({ memberId, name: nameOf(memberId), note: entry.note, items: entry.items }));
  return {
    groupId: group.orgUnitId,
    name: group.name,
    status: 'recorded',
    counts: check.counts,
    recordedBy: check.recordedBy,
    recordedAt: check.recordedAt,
    corrections: check.corrections,
    members,
    notChecked: roster.map((m) => m.memberId).filter((id) => !check.entries[id]),
  };
}

/** The months of a year whose check is overdue: from the month the group's first book was published, up to last month. */
export function overdueMonths(year: number, firstPublished: string | undefined, today: string, recorded: ReadonlySet<string>): string[] {
  if (!firstPublished) return [];
  const from = monthOf(firstPublished) < `${year}-01` ? `${year}-01` : monthOf(firstPublished);
  const thisMonth = monthOf(today);
  const months: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (month >= from && month < thisMonth && !recorded.has(month)) months.push(month);
  }
  return months;
}
