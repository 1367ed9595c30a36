import type { Quarter } from '../shared/dates';
import type { ItemRef, ItemStatus, StatusCounts } from '../shared/statuses';

/** A branch member with a published book in the quarter, with the items and when each is due. */
export interface DispatchRosterMember {
  memberId: string;
  groupId?: string;
  items: Array<ItemRef & { dueQuarter?: Quarter }>;
}

/** A fulfilment record (recorded progress) from the pledge service, citing its event. */
export interface ProgressFact extends ItemRef {
  eventId: string;
  memberId: string;
  recordedOn: string;
}

export interface BehindItem extends ItemRef {
  /** `behind`: its latest status is behind; `due-not-done`: due this quarter and not done. */
  reason: 'behind' | 'due-not-done';
  /** The latest checked status; absent when no check ever recorded it. */
  status?: ItemStatus;
}

export interface MemberBehind {
  memberId: string;
  items: BehindItem[];
}

export interface QuarterSummary {
  members: number;
  items: number;
  /** Latest status of every item as of the quarter's last month. */
  statusCounts: StatusCounts;
  /** Items no check has recorded yet. */
  unchecked: number;
  checks: { expected: number; held: number; missing: Array<{ groupId: string; month: string }> };
  progressRecords: number;
  membersWithProgress: number;
  dueThisQuarter: number;
  dueDone: number;
  membersBehind: number;
}

export interface Meeting {
  date: string;
  attendees: string[];
}

export interface LeftOut {
  memberId: string;
  reason: string;
}

export interface TalkDue {
  memberId: string;
  dueOn: string;
  items: BehindItem[];
}
