import type { DecidingBody, ItemVerdict, Meeting, Pledger, PledgerOfficer, ReviewItem, Stage } from './types';

/**
 * One stream per pledge (`review-<pledgeId>`): every round, comment and decision, in order.
 * `role` on a decision is the role it was taken in; events recorded before it existed lack it.
 */
export type ReviewEvent =
  | {
      type: 'ReviewRoundOpened';
      data: {
        pledgeId: string;
        bureauId: string;
        year: number;
        round: number;
        pledger: Pledger;
        branchId?: string;
        /** The deciding group: the first pledger's. */
        groupId?: string;
        /** Every pledger's group, the deciding one first (a paired book is in each group leader's queue). */
        groupIds?: string[];
        items: ReviewItem[];
        stage: Stage;
        decidingBody: DecidingBody;
        /** Pledgers who would have reviewed their own book: the stage or the deciding body passes them by. */
        pledgerOfficers?: PledgerOfficer[];
        openedAt: string;
      };
    }
  | { type: 'GroupCommentAdded'; data: { round: number; commentId: string; by: string; text: string; at: string } }
  | { type: 'GroupForwarded'; data: { round: number; evaluation: string; notes: { itemNo: number; note: string }[]; by: string; role?: 'group-leader'; at: string } }
  | { type: 'GroupReturned'; data: { round: number; evaluation: string; verdicts: ItemVerdict[]; by: string; role?: 'group-leader'; at: string } }
  | { type: 'BranchApproved'; data: { round: number; meeting: Meeting; verdicts: ItemVerdict[]; by: string; role?: 'branch-secretary' | 'leading-group'; at: string } }
  | { type: 'BranchReturned'; data: { round: number; meeting: Meeting; verdicts: ItemVerdict[]; by: string; role?: 'branch-secretary' | 'leading-group'; at: string } }
  | { type: 'GroupReviewRequested'; data: { round: number; reason: string; by: string; at: string } }
  | { type: 'ReviewWithdrawn'; data: { round: number; reason: string; at: string } }
  | { type: 'ReviewClosed'; data: { round: number; year: number; at: string } };

export type ReviewEventType = ReviewEvent['type'];
