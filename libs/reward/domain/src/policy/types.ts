import type { Actor } from '../shared/actor';
import type { Grade } from '../shared/grades';
import type { RewardContent } from '../shared/reward';

/**
 * An honour a bureau's policy offers for a year: which grades make a member eligible, whether it
 * goes to everyone eligible on a final result (`automatic`) or to those the leading group selects
 * (`selection`, 評先選優, at most `quota` people), and what the reward consists of.
 */
export interface Honour {
  honourId: string;
  title: string;
  award: 'selection' | 'automatic';
  eligibleGrades: Grade[];
  /** "Two consecutive 優秀": the member's last n final results, up to the one judged, are all the top grade. */
  consecutiveTopGrades?: number;
  /** Selection honours: the most people a selection may choose. */
  quota?: number;
  reward: RewardContent;
}

/** One version of a bureau's reward policy for a year (each change is a new version; earlier ones stay). */
export interface RewardPolicyVersion {
  version: number;
  honours: Honour[];
  note?: string;
  setBy: string;
  setAt: string;
}

export interface RewardPolicyState {
  bureauId?: string;
  year?: number;
  versions: RewardPolicyVersion[];
}

export type RewardPolicyCommand = {
  type: 'SetRewardPolicy';
  bureauId: string;
  year: number;
  honours: Honour[];
  note?: string;
  actor: Actor;
  at: string;
};

export type RewardPolicyEvent = { type: 'RewardPolicySet'; data: { bureauId: string; year: number } & RewardPolicyVersion };

export const currentPolicy = (state: RewardPolicyState): RewardPolicyVersion | undefined => state.versions[state.versions.length - 1];
