import type { FulfilmentRecord, PledgeItem, Pledger, PledgeStatus } from '@pledgebook/pledge-domain';

/** A pledge as lists and boards show it (the detail endpoint folds the stream instead). */
export interface PledgeView {
  _id: string;
  pledgeId: string;
  bureauId: string;
  year: number;
  status: PledgeStatus;
  pledger: Pledger;
  /** memberIds of the pledger, for "my pledges" queries. */
  memberIds: string[];
  branchId?: string;
  groupId?: string;
  items: PledgeItem[];
  round: number;
  approvedAt?: string;
  publishedAt?: string;
  records: FulfilmentRecord[];
  /** Deed figures with corrections applied: a correction replaces the record it corrects. */
  totals: { peopleAided: number; amountFen: number; volunteerHours: number; records: number };
  revision: number;
  updatedAt: string;
  [key: string]: unknown;
}

export function totalsOf(records: FulfilmentRecord[]): PledgeView['totals'] {
  const corrected = new Set(records.map((r) => r.corrects).filter((id): id is string => !!id));
  const effective = records.filter((r) => !corrected.has(r.recordId));
  return {
    peopleAided: effective.reduce((n, r) => n + (r.peopleAided ?? 0), 0),
    amountFen: effective.reduce((n, r) => n + (r.amountFen ?? 0), 0),
    volunteerHours: effective.reduce((n, r) => n + (r.volunteerHours ?? 0), 0),
    records: effective.length,
  };
}
