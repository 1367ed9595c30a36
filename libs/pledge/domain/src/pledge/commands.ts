import type { Actor } from '../actor';
import type { ProgrammeRules } from '../programme/programme-rules';
import type { ProgrammeYears } from '../programme/programme-year';
import type { CollectiveUnit, Placement } from './officers';
import type { FulfilmentInput, ItemInput, Pledger, PledgerPlace, ReturnVerdict } from './types';

/** Facts the handler looks up (in the directory and elsewhere) and hands to the pure decider. */
export interface DraftContext {
  /** Members named by the pledger, as the directory knows them. */
  members: Record<string, { branchId?: string; groupId?: string } | undefined>;
  orgUnit?: { type: string; parentId?: string };
  /** The pledger's branch's guidance categories for the year. */
  guidanceCategories: readonly string[];
  /** The bureau's opened, late-entry and closed years (a book's year must be open). */
  years: ProgrammeYears;
  /** An individual book for this member and year already exists (another pledge id). */
  existingIndividualBook?: string;
  /** Where the actor sits (for a collective book: is the actor its officer?). */
  actorPlacement?: Placement;
}

/** For a collective book: its unit and where the actor sits, so the decider can tell its officers. */
export interface CollectiveContext {
  unit?: CollectiveUnit;
  actorPlacement?: Placement;
}

export type PledgeCommand =
  /** `at`: the command's time — it says which programme year is the current one. */
  | { type: 'DraftPledge'; pledgeId: string; actor: Actor; at: string; year: number; pledger: Pledger; items: ItemInput[]; context: DraftContext }
  | { type: 'RevisePledge'; actor: Actor; items: ItemInput[]; guidanceCategories: readonly string[]; collective?: CollectiveContext }
  | { type: 'SubmitPledge'; actor: Actor; guidanceCategories: readonly string[]; programmeRules: ProgrammeRules; collective?: CollectiveContext; places?: PledgerPlace[] }
  | { type: 'WithdrawPledge'; actor: Actor; reason: string; collective?: CollectiveContext }
  | { type: 'RecordReturn'; reviewId: string; round: number; stage: 'group' | 'branch'; verdicts: ReturnVerdict[]; decidedBy: string }
  | { type: 'RecordApproval'; reviewId: string; round: number; decidedBy: string; approvedAt: string }
  | { type: 'RecordPublication'; publicationId: string; publishedBy: string; publishedAt: string }
  | { type: 'RecordProgress'; actor: Actor; recordId: string; at: string; record: FulfilmentInput; corrects?: string; collective?: CollectiveContext }
  | { type: 'ClosePledge'; year: number };
