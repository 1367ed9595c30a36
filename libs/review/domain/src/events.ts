import type { DecidingBody, ItemVerdict, Meeting, Pledger, ReviewItem, Stage } from './types';

/** One stream per pledge (`review-<pledgeId>`): every round, comment and decision, in order. */
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
        groupId?: string;
        items: ReviewItem[];
        stage: Stage;
        decidingBody: DecidingBody;
        openedAt: string;
      };
    }
  | { type: 'GroupCommentAdded'; data: { round: number; commentId: string; by: string; text: string; at: string } }
  | { type: 'GroupForwarded'; data: { round: number; evaluation: string; notes: { itemNo: number; note: string }[]; by: string; at: string } }
  | { type: 'GroupReturned'; data: { round: number; evaluation: string; verdicts: ItemVerdict[]; by: string; at: string } }
  | { type: 'BranchApproved'; data: { round: number; meeting: Meeting; verdicts: ItemVerdict[]; by: string; at: string } }
  | { type: 'BranchReturned'; data: { round: number; meeting: Meeting; verdicts: ItemVerdict[]; by: string; at: string } }
  | { type: 'GroupReviewRequested'; data: { round: number; reason: string; by: string; at: string } }
  | { type: 'ReviewWithdrawn'; data: { round: number; reason: string; at: string } };

export type ReviewEventType = ReviewEvent['type'];
