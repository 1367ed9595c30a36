import type { Actor } from '../actor';
import type { FulfilmentInput, ItemInput, Pledger, ReturnVerdict } from './types';

/** Facts the handler looks up (in the directory and elsewhere) and hands to the pure decider. */
export interface DraftContext {
  /** Members named by the pledger, as the directory knows them. */
  members: Record<string, { branchId?: string; groupId?: string } | undefined>;
  orgUnit?: { type: string; parentId?: string };
  /** The pledger's branch's guidance categories for the year. */
  guidanceCategories: readonly string[];
  yearClosed: boolean;
  /** An individual book for this member and year already exists (another pledge id). */
  existingIndividualBook?: string;
}

export type PledgeCommand =
  | { type: 'DraftPledge'; pledgeId: string; actor: Actor; year: number; pledger: Pledger; items: ItemInput[]; context: DraftContext }
  | { type: 'RevisePledge'; actor: Actor; items: ItemInput[]; guidanceCategories: readonly string[] }
  | { type: 'SubmitPledge'; actor: Actor; guidanceCategories: readonly string[] }
  | { type: 'WithdrawPledge'; actor: Actor; reason: string }
  | { type: 'RecordReturn'; reviewId: string; round: number; stage: 'group' | 'branch'; verdicts: ReturnVerdict[]; decidedBy: string }
  | { type: 'RecordApproval'; reviewId: string; round: number; decidedBy: string; approvedAt: string }
  | { type: 'RecordPublication'; publicationId: string; publishedBy: string; publishedAt: string }
  | { type: 'RecordProgress'; actor: Actor; recordId: string; at: string; record: FulfilmentInput; corrects?: string }
  | { type: 'ClosePledge'; year: number };
