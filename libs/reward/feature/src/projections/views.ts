import type { GrantState, Grade, Half, ResearchSchemeState, ResearchWorkState, RewardPolicyState, SelectionState } from '@pledgebook/reward-domain';

/** Documents naming a member or an org unit are keyed by bureau and id (ADR 0019). */
export const scopedId = (bureauId: string, id: string) => `${bureauId}/${id}`;

// What the service learned from the pledge and appraisal topics.
export const BUREAUS = 'bureaus';
export const MEMBERS = 'members';
export const ORG_UNITS = 'org_units';
export const RESULTS = 'final_results';
// Its own records, as their deciders fold them.
export const POLICIES = 'reward_policies';
export const SELECTIONS = 'selections';
export const GRANTS = 'grants';
export const RESEARCH_SCHEMES = 'research_schemes';
export const RESEARCH_WORKS = 'research_works';

export interface BureauView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  name: string;
  level?: string;
  parentBureauId?: string;
}

export interface MemberView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  memberId: string;
  name: string;
  partyStatus?: string;
  roles: string[];
  branchId?: string;
  groupId?: string;
  departmentId?: string;
}

export interface OrgUnitView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  orgUnitId: string;
  type: string;
  name: string;
  parentId?: string;
}

export interface ResultView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  memberId: string;
  roundId: string;
  year: number;
  half: Half;
  grade: Grade;
  gradeLabel: string;
  points: number;
  finalizedAt: string;
}

/** A record's folded state with where it lives (documents carry the decider's state as is). */
type Folded<S> = S & { _id: string; [field: string]: unknown; bureauId: string; revision: number; updatedAt: string };
export type PolicyView = Folded<RewardPolicyState> & { year: number };
export type SelectionView = Folded<SelectionState>;
export type GrantView = Folded<GrantState> & { year: number; recipientKey: string };
export type ResearchSchemeView = Folded<ResearchSchemeState> & { year: number };
export type ResearchWorkView = Folded<ResearchWorkState>;
