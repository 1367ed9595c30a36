import type { FulfilmentRecord, PledgeItem, Pledger, PledgeStatus, ReturnVerdict } from './types';

export interface PledgeState {
  status: PledgeStatus | 'none';
  pledgeId: string;
  bureauId: string;
  year: number;
  pledger: Pledger;
  branchId?: string;
  groupId?: string;
  items: PledgeItem[];
  /** Submissions so far; each opens a review round. */
  round: number;
  lastReturn?: { reviewId: string; round: number; stage: 'group' | 'branch'; verdicts: ReturnVerdict[] };
  approval?: { reviewId: string; round: number; approvedAt: string };
  publication?: { publicationId: string; publishedAt: string };
  /** A publication act that overtook its approval: recorded as published once the approval comes. */
  pendingPublication?: { publicationId: string; publishedBy: string; publishedAt: string };
  records: Record<string, FulfilmentRecord>;
}

export const initialPledgeState = (): PledgeState => ({
  status: 'none',
  pledgeId: '',
  bureauId: '',
  year: 0,
  pledger: { type: 'individual', memberIds: [] },
  items: [],
  round: 0,
  records: {},
});
