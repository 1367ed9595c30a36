import { fulfilmentTotals, type FulfilmentRecord, type PledgeItem, type Pledger, type PledgeStatus } from '@pledgebook/pledge-domain';

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

/** The book's totals by the programme's counting rule (`fulfilmentTotals`, ADR 0036). */
export function totalsOf(records: FulfilmentRecord[]): PledgeView['totals'] {
  const { peopleAided, amountFen, volunteerHours, records: counted } = fulfilmentTotals(records);
  return { peopleAided, amountFen, volunteerHours, records: counted };
}
