import type { NoticePeriod } from '../calendar/working-days';
import type { Half } from '../shared/dates';
import type { Grade } from '../shared/grades';
import type { Rating, RatingCounts } from '../shared/ratings';
import type { SchemeContent } from '../scheme/types';
import type { StoredComputedBonus } from './scoring/research-bonus';
import type { StoredComputedScore } from './scoring/stored-score';
import type { CriterionScore, GradedResult, PartyStatus, Subject } from './types';

type Tally = { memberId: string; counts: RatingCounts };

/**
 * One stream per bureau, year and half. Democratic evaluation is kept as counts only: no event
 * here says who gave which rating (the masses' ballots live in their codes' streams, anonymous).
 *
 * RESTRICTED: `ObjectionRaised.data.restricted` (the objector's identity and the objection's
 * text) is for the appraisal office only — never in an integration event, an outside contract or
 * a view anyone else reads.
 */
export type RoundEvent =
  | {
      type: 'RoundOpened';
      data: { bureauId: string; year: number; half: Half; schemeVersion: number; scheme: SchemeContent; subjects: Subject[]; by: string; at: string };
    }
  /**
   * Scores stored as `StoredComputedScore` (the fold restores the rest from the round's scheme); earlier events carry whole scores.
   * `bonuses`: the bonuses the scheme computes from rated research works, every one of them (0 points withdraws an earlier one).
   */
  | {
      type: 'ComputedScoresRecorded';
      data: { scores: Array<{ memberId: string; criteria: Array<StoredComputedScore | CriterionScore>; bonuses?: StoredComputedBonus[] }>; by: string; at: string };
    }
  | { type: 'EnteredScoreRecorded'; data: { memberId: string; score: CriterionScore; by: string; at: string } }
  | { type: 'SelfAssessmentRecorded'; data: { memberId: string; rating: Rating; at: string } }
  | { type: 'PeerTallyRecorded'; data: { groupId: string; groupMembers: number; tallies: Tally[]; by: string; at: string } }
  | { type: 'MassesTallyRecorded'; data: { ballots: number; tallies: Tally[]; by: string; at: string } }
  | { type: 'BonusAwarded'; data: { memberId: string; bonusId: string; points: number; reason: string; by: string; at: string } }
  | { type: 'DeductionRecorded'; data: { memberId: string; deductionId: string; points: number; reason: string; by: string; at: string } }
  | { type: 'VetoRecorded'; data: { memberId: string; vetoId: string; reason: string; by: string; at: string } }
  | { type: 'VetoLifted'; data: { memberId: string; vetoId: string; reason: string; by: string; at: string } }
  | {
      type: 'ResultsPutOnNotice';
      data: { bureauId: string; year: number; half: Half; schemeVersion: number; notice: NoticePeriod; results: GradedResult[]; renewal: boolean; by: string; at: string };
    }
  | { type: 'ObjectionRaised'; data: { objectionId: string; memberId: string; raisedAt: string; restricted: { objectorId: string; text: string } } }
  | { type: 'ObjectionDismissed'; data: { objectionId: string; memberId: string; reason: string; by: string; at: string } }
  | { type: 'ObjectionUpheld'; data: { objectionId: string; memberId: string; reason: string; by: string; at: string } }
  | {
      type: 'ResultFinalized';
      data: { bureauId: string; year: number; half: Half; memberId: string; partyStatus: PartyStatus; points: number; grade: Grade; schemeVersion: number; finalizedAt: string };
    }
  | {
      type: 'RoundFinalized';
      data: { bureauId: string; year: number; half: Half; schemeVersion: number; subjects: number; gradeCounts: Partial<Record<Grade, number>>; finalizedAt: string };
    };

export type RoundEventType = RoundEvent['type'];
