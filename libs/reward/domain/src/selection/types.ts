import type { Actor } from '../shared/actor';
import type { FinalResult, Grade } from '../shared/grades';
import type { Honour, RewardPolicyVersion } from '../policy/types';

export type SelectionStatus = 'open' | 'decided' | 'on-notice' | 'announced';

/** A member the policy's rule proposes from final results. */
export interface ProposedNomineeView {
  memberId: string;
  grade: Grade;
  basis: string[];
}

export interface Nomination {
  memberId: string;
  by: string;
  byRole: 'branch-secretary' | 'leading-group';
  /** The member's latest final result of the year, when there is one. */
  grade?: Grade;
  basis?: string[];
  /** Why, when the member is below the top grade (results are the main basis, not the only one). */
  reason?: string;
  branchId?: string;
  at: string;
}

export interface Meeting {
  date: string;
  attendees: string[];
  minutes?: string;
}

/**
 * An objection to a selected member while the selection is on notice. RESTRICTED: who objected
 * and what they wrote are for the leading group (the appraisal notice's rule); others see that an
 * objection exists and how it was decided.
 */
export interface SelectionObjection {
  objectionId: string;
  memberId: string;
  raisedAt: string;
  status: 'open' | 'dismissed' | 'upheld';
  restricted: { objectorId: string; text: string };
  decision?: { reason: string; by: string; at: string };
}

export interface SelectionState {
  selectionId: string;
  status: 'none' | SelectionStatus;
  bureauId?: string;
  year?: number;
  title?: string;
  quota?: number;
  /** The honour as the policy version named it when the selection opened (versioned data). */
  honour?: Honour;
  policyVersion?: number;
  openedBy?: string;
  openedAt?: string;
  proposed: ProposedNomineeView[];
  nominations: Nomination[];
  decision?: { meeting: Meeting; selected: string[]; decidedBy: string; decidedAt: string };
  notice?: { startsOn: string; endsOn: string; by: string; at: string };
  objections: Record<string, SelectionObjection>;
  announcedBy?: string;
  announcedAt?: string;
}

/** The member as the directory knows them, for a nomination. */
export interface NomineeFacts {
  memberId: string;
  branchId?: string;
}

export type SelectionCommand =
  | {
      type: 'OpenSelection';
      selectionId: string;
      bureauId: string;
      year: number;
      honourId: string;
      title?: string;
      quota: number;
      actor: Actor;
      at: string;
      /** The year's reward policy (current version) and the bureau's final results. */
      policy?: RewardPolicyVersion;
      results: FinalResult[];
    }
  | { type: 'ProposeNominees'; actor: Actor; at: string; results: FinalResult[] }
  | {
      type: 'Nominate';
      memberId: string;
      reason?: string;
      actor: Actor;
      at: string;
      /** The nominee (undefined when not in the bureau's directory), the nominator's branch, the nominee's final results. */
      nominee?: NomineeFacts;
      actorBranchId?: string;
      results: FinalResult[];
    }
  | { type: 'DecideSelection'; meeting: Meeting; selected: string[]; actor: Actor; at: string }
  | { type: 'PutSelectionOnNotice'; startsOn: string; endsOn: string; actor: Actor; at: string }
  | { type: 'AnnounceSelection'; actor: Actor; at: string }
  | { type: 'RaiseSelectionObjection'; objectionId: string; memberId: string; text: string; actor: Actor; at: string }
  | { type: 'DecideSelectionObjection'; objectionId: string; outcome: 'dismissed' | 'upheld'; reason: string; actor: Actor; at: string };

export type SelectionEvent =
  | {
      type: 'SelectionOpened';
      data: { selectionId: string; bureauId: string; year: number; title: string; quota: number; honour: Honour; policyVersion: number; openedBy: string; openedAt: string };
    }
  | { type: 'NomineesProposed'; data: { selectionId: string; nominees: ProposedNomineeView[]; at: string } }
  | { type: 'NominationMade'; data: { selectionId: string } & Nomination }
  | {
      type: 'SelectionDecided';
      /** Names the selection's bureau, year, honour and quota too: the integration event is made from this event alone. */
      data: { selectionId: string; bureauId: string; year: number; honourId: string; title: string; quota: number; meeting: Meeting; selected: string[]; decidedBy: string; decidedAt: string };
    }
  | { type: 'SelectionPutOnNotice'; data: { selectionId: string; startsOn: string; endsOn: string; by: string; at: string } }
  | { type: 'SelectionAnnounced'; data: { selectionId: string; announcedBy: string; announcedAt: string } }
  | { type: 'SelectionObjectionRaised'; data: { selectionId: string; objectionId: string; memberId: string; raisedAt: string; restricted: { objectorId: string; text: string } } }
  | { type: 'SelectionObjectionDismissed'; data: { selectionId: string; objectionId: string; memberId: string; reason: string; by: string; at: string } }
  | {
      type: 'SelectionObjectionUpheld';
      /** The member leaves those selected; bureau, year and who remains are named so the integration event is made from this event alone. */
      data: { selectionId: string; objectionId: string; memberId: string; reason: string; by: string; at: string; bureauId: string; year: number; selected: string[] };
    };
