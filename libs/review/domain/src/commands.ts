import type { ItemVerdict, Meeting, Pledger, PledgerPlace, ReviewItem, Reviewer } from './types';

export type ReviewCommand =
  /**
   * From the pledge service's pledge-submitted event: a submission opens a round. `places` are the
   * pledgers' places in the directory copy (who leads a group, who is a secretary): nobody
   * reviews their own book, and a paired book is shown to every pledger's group.
   */
  | { type: 'OpenRound'; pledgeId: string; bureauId: string; year: number; round: number; pledger: Pledger; branchId?: string; groupId?: string; items: ReviewItem[]; places?: PledgerPlace[]; at: string }
  | { type: 'AddComment'; reviewer: Reviewer; commentId: string; text: string; at: string }
  | { type: 'RecordGroupEvaluation'; reviewer: Reviewer; decision: 'forward' | 'return'; evaluation: string; notes: { itemNo: number; note: string }[]; at: string }
  /**
   * `bodyMembers`: who belongs to the deciding body, from the directory — the branch's members, or
   * the leading party group's — so the meeting's attendees are checked against them.
   */
  | { type: 'DecideAtBranch'; reviewer: Reviewer; meeting: Meeting; verdicts: Array<{ itemNo: number; verdict: 'approved' | 'revise'; reason?: string }>; bodyMembers: string[]; at: string }
  | { type: 'AskForGroupReview'; reviewer: Reviewer; reason: string; at: string }
  /** From the pledge service's pledge-withdrawn event. */
  | { type: 'CloseWithdrawn'; reason: string; at: string }
  /** From the pledge service's pledge-closed event: the book was closed with its year. */
  | { type: 'CloseWithYear'; year: number; at: string };

export type { ItemVerdict };
