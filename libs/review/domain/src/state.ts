import type { DecidingBody, ItemVerdict, Meeting, Pledger, ReviewItem, ReviewStatus, Stage } from './types';

export interface RoundRecord {
  round: number;
  openedAt: string;
  items: ReviewItem[];
  startedAt: Stage;
  comments: { commentId: string; by: string; text: string; at: string }[];
  group?: { decision: 'forward' | 'return'; evaluation: string; notes?: { itemNo: number; note: string }[]; verdicts?: ItemVerdict[]; by: string; at: string };
  branch?: { decision: 'approve' | 'return'; meeting: Meeting; verdicts: ItemVerdict[]; by: string; at: string };
  withdrawn?: { reason: string; at: string };
}

export interface ReviewState {
  pledgeId: string;
  status: ReviewStatus | 'none';
  bureauId: string;
  year: number;
  pledger: Pledger;
  branchId?: string;
  groupId?: string;
  decidingBody: DecidingBody;
  round: number;
  /** When the current stage began (deadlines). */
  stageSince?: string;
  rounds: RoundRecord[];
  /** The stage that returned the pledge last, and whether the group asked to see it again. */
  lastReturn?: { stage: Stage; groupAskedAgain: boolean };
}

export const initialReviewState = (pledgeId = ''): ReviewState => ({
  pledgeId,
  status: 'none',
  bureauId: '',
  year: 0,
  pledger: { type: 'individual', memberIds: [] },
  decidingBody: 'branch',
  round: 0,
  rounds: [],
});

export const currentRound = (state: ReviewState): RoundRecord | undefined => state.rounds[state.rounds.length - 1];
