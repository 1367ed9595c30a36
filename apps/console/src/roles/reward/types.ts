// What the reward service answers (docs/api/reward-service.md); the OpenAPI document describes
// the requests, these follow the answers.
import type { BodyOf } from '../../api/client';

export type Grade = 'excellent' | 'qualified' | 'basically-qualified' | 'unqualified';
export const GRADES: Grade[] = ['excellent', 'qualified', 'basically-qualified', 'unqualified'];
export type SpiritualForm = 'commendation' | 'certificate' | 'honour-title';
export type MaterialReward = { kind: 'money'; amountFen: number } | { kind: 'goods'; goods: string; valueFen?: number };

export interface Honour {
  honourId: string;
  title: string;
  award: 'selection' | 'automatic';
  eligibleGrades: Grade[];
  consecutiveTopGrades?: number;
  quota?: number;
  reward: { spiritual: SpiritualForm[]; material?: MaterialReward };
}

export interface PolicyVersion {
  version: number;
  honours: Honour[];
  note?: string;
  setBy: string;
  setAt: string;
}

export interface Policy {
  current?: PolicyVersion;
  versions: PolicyVersion[];
}

export type SelectionStatus = 'open' | 'decided' | 'on-notice' | 'announced';

export interface Nomination {
  memberId: string;
  by: string;
  byRole: 'branch-secretary' | 'leading-group';
  grade?: Grade;
  basis?: string[];
  reason?: string;
  branchId?: string;
  at: string;
}

export interface Selection {
  selectionId: string;
  status: SelectionStatus;
  bureauId: string;
  year: number;
  title?: string;
  quota: number;
  honour?: Honour;
  policyVersion?: number;
  openedBy?: string;
  openedAt?: string;
  proposed: { memberId: string; grade: Grade; basis: string[] }[];
  nominations: Nomination[];
  decision?: { meeting: { date: string; attendees: string[]; minutes?: string }; selected: string[]; decidedBy: string; decidedAt: string };
  notice?: { startsOn: string; endsOn: string; by: string; at: string };
  announcedBy?: string;
  announcedAt?: string;
  revision: number;
  updatedAt?: string;
}

export type Ground = 'fulfilment' | 'distinctive-activity' | 'selection' | 'research';
export type BasisType = 'result' | 'activity' | 'selection' | 'research-work';
/** The basis each ground names (the service checks the pair). */
export const BASIS_OF_GROUND: Record<Ground, BasisType> = { fulfilment: 'result', 'distinctive-activity': 'activity', selection: 'selection', research: 'research-work' };

export interface GrantDetails {
  grantId: string;
  bureauId: string;
  year: number;
  recipient: { type: 'member' | 'unit'; id: string };
  ground: Ground;
  basis: { type: BasisType; id: string };
  title: string;
  reason?: string;
  spiritual: SpiritualForm[];
  material?: MaterialReward;
  grantedBy: string;
  grantedAt: string;
}

export interface Grant {
  grantId: string;
  status: 'granted' | 'revoked';
  grant: GrantDetails;
  revocation?: { reason: string; by: string; at: string };
  revision: number;
  updatedAt?: string;
}

export interface FinalResult {
  roundId: string;
  year: number;
  half: 'H1' | 'H2';
  grade: Grade;
  gradeLabel: string;
  points: number;
  finalizedAt: string;
}

export interface MemberRewards {
  memberId: string;
  name: string;
  results: FinalResult[];
  grants: Grant[];
}

export type GrantBody = BodyOf<'/api/v1/rewards/grants', 'post'>;
