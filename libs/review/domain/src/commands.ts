import type { ItemVerdict, Meeting, Pledger, ReviewItem, Reviewer } from './types';

export type ReviewCommand =
  /** From the pledge service's pledge-submitted event: a submission opens a round. */
  | { type: 'OpenRound'; pledgeId: string; bureauId: string; year: number; round: number; pledger: Pledger; branchId?: string; groupId?: string; items: ReviewItem[]; at: string }
  | { type: 'AddComment'; reviewer: Reviewer; commentId: string; text: string; at: string }
  | { type: 'RecordGroupEvaluation'; reviewer: Reviewer; decision: 'forward' | 'return'; evaluation: string; notes: { itemNo: number; note: string }[]; at: string }
  | { type: 'DecideAtBranch'; reviewer: Reviewer; meeting: Meeting; verdicts: Array<{ itemNo: number; verdict: 'approved' | 'revise'; reason?: string }>; at: string }
  | { type: 'AskForGroupReview'; reviewer: Reviewer; reason: string; at: string }
  /** From the pledge service's pledge-withdrawn event. */
  | { type: 'CloseWithdrawn'; reason: string; at: string };

export type { ItemVerdict };
