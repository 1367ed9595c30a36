import type { Actor } from '../shared/actor';
import type { RewardContent } from '../shared/reward';

export const GROUNDS = ['fulfilment', 'distinctive-activity', 'selection', 'research'] as const;
export type Ground = (typeof GROUNDS)[number];
export const BASIS_TYPES = ['result', 'activity', 'selection', 'research-work'] as const;
export type BasisType = (typeof BASIS_TYPES)[number];

/** The basis each ground names: a final result, a distinctive activity, an announced selection, a rated work. */
export const BASIS_OF_GROUND: Record<Ground, BasisType> = { fulfilment: 'result', 'distinctive-activity': 'activity', selection: 'selection', research: 'research-work' };

export interface Recipient {
  type: 'member' | 'unit';
  id: string;
}

export interface Basis {
  type: BasisType;
  /** A result (`<roundId>/<memberId>`), a selection id, a research work id, or the activity's reference. */
  id: string;
}

/**
 * What the service knows of a grant's recipient and basis (looked up before deciding): whether the
 * recipient is in the directory, and whether the basis exists and concerns the recipient.
 */
export interface GrantFacts {
  recipientKnown: boolean;
  basis: { found: boolean; concernsRecipient: boolean };
}

export interface GrantDetails extends RewardContent {
  grantId: string;
  bureauId: string;
  year: number;
  recipient: Recipient;
  ground: Ground;
  basis: Basis;
  title: string;
  reason?: string;
  grantedBy: string;
  grantedAt: string;
}

export interface GrantState {
  grantId: string;
  status: 'none' | 'granted' | 'revoked';
  grant?: GrantDetails;
  revocation?: { reason: string; by: string; at: string };
}

export type GrantCommand =
  | ({
      type: 'GrantReward';
      grantId: string;
      bureauId: string;
      year: number;
      recipient: Recipient;
      ground: Ground;
      basis: Basis;
      title: string;
      reason?: string;
      actor: Actor;
      at: string;
      facts: GrantFacts;
    } & RewardContent)
  | { type: 'RevokeGrant'; reason: string; actor: Actor; at: string };

export type GrantEvent = { type: 'RewardGranted'; data: GrantDetails } | { type: 'GrantRevoked'; data: { grantId: string; bureauId: string; year: number; reason: string; revokedBy: string; revokedAt: string } };
