import type { DecidingBody, DecidingRole, ItemVerdict, Meeting, Pledger, PledgerOfficer, ReviewItem, ReviewStatus, Stage } from './types';

export interface RoundRecord {
  round: number;
  openedAt: string;
  items: ReviewItem[];
  startedAt: Stage;
  comments: { commentId: string; by: string; text: string; at: string }[];
  group?: { decision: 'forward' | 'return'; evaluation: string; notes?: { itemNo: number; note: string }[]; verdicts?: ItemVerdict[]; by: string; role: DecidingRole; at: string };
  branch?: { decision: 'approve' | 'return'; meeting: Meeting; verdicts: ItemVerdict[]; by: string; role: DecidingRole; at: string };
  withdrawn?: { reason: string; at: string };
  closed?: { year: number; at: string };
}

export interface ReviewState {
  pledgeId: string;
  status: ReviewStatus | 'none';
  bureauId: string;
  year: number;
  pledger: Pledger;
  branchId?: string;
  groupId?: string;
  /** Every pledger's group, the deciding one first. */
  groupIds: string[];
  decidingBody: DecidingBody;
  pledgerOfficers: PledgerOfficer[];
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
  groupIds: [],
  decidingBody: 'branch',
  pledgerOfficers: [],
  round: 0,
  rounds: [],
});

export const currentRound = (state: ReviewState): RoundRecord | undefined => state.rounds[state.rounds.length - 1];

/** The role the deciding body's decision is recorded in. */
export const decidingRoleOf = (state: Pick<ReviewState, 'decidingBody'>): 'branch-secretary' | 'leading-group' =>
  state.decidingBody === 'leading-group' ? 'leading-group' : 'branch-secretary';

/** Who publishes an approved book: its branch's secretary, or the leading party group for books outside a branch. */
export const publisherOf = (state: Pick<ReviewState, 'branchId'>): DecidingBody => (state.branchId ? 'branch' : 'leading-group');
