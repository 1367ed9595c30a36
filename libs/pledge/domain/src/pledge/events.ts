import type { FulfilmentRecord, PledgeItem, Pledger, PledgerPlace, ReturnVerdict } from './types';

export type PledgeEvent =
  | {
      type: 'PledgeDrafted';
      data: { pledgeId: string; bureauId: string; year: number; pledger: Pledger; branchId?: string; groupId?: string; items: PledgeItem[] };
    }
  | { type: 'PledgeRevised'; data: { pledgeId: string; items: PledgeItem[] } }
  | {
      type: 'PledgeSubmitted';
      /** The whole book as submitted, so the event alone tells reviewers (and auditors) what was vetted. */
      data: { pledgeId: string; bureauId: string; year: number; round: number; pledger: Pledger; branchId?: string; groupId?: string; items: PledgeItem[]; places?: PledgerPlace[] };
    }
  | { type: 'PledgeWithdrawn'; data: { pledgeId: string; reason: string } }
  | { type: 'PledgeReturned'; data: { pledgeId: string; reviewId: string; round: number; stage: 'group' | 'branch'; verdicts: ReturnVerdict[]; decidedBy: string } }
  | { type: 'PledgeApproved'; data: { pledgeId: string; reviewId: string; round: number; decidedBy: string; approvedAt: string } }
  | { type: 'PledgePublished'; data: { pledgeId: string; publicationId: string; publishedBy: string; publishedAt: string } }
  /** A publication act arrived before the approval it follows (they travel on different keys): kept until the approval comes. */
  | { type: 'PledgePublicationNoticed'; data: { pledgeId: string; publicationId: string; publishedBy: string; publishedAt: string } }
  | { type: 'ProgressRecorded'; data: FulfilmentRecord & { pledgeId: string } }
  | { type: 'PledgeClosed'; data: { pledgeId: string; year: number } };

export type PledgeEventType = PledgeEvent['type'];
