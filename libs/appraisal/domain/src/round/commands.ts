import type { BureauCalendar } from '../calendar/working-days';
import type { Actor, OfficeContext } from '../shared/actor';
import type { Half } from '../shared/dates';
import type { Rating, RatingCounts } from '../shared/ratings';
import type { SchemeState } from '../scheme/state';
import type { SubjectFacts } from './scoring/facts';
import type { Subject } from './types';

type Tally = { memberId: string; counts: RatingCounts };

/** For putting results on notice: the bureau's calendar across the notice and its length in working days. */
export interface NoticeContext extends OfficeContext {
  calendar: BureauCalendar;
  /** The bureau's setting; 5 by convention. */
  noticeWorkingDays: number;
}

/**
 * The round's commands. Every office command carries the office staff of the round's year as
 * the directory has them now; the handler looks them up.
 */
export type RoundCommand =
  | {
      type: 'OpenRound';
      actor: Actor;
      bureauId: string;
      year: number;
      half: Half;
      /** The scheme version the round uses (its stream's state) and the subjects' snapshot. */
      context: OfficeContext & { scheme: SchemeState; subjects: Subject[] };
      at: string;
    }
  | { type: 'ScoreComputedCriteria'; actor: Actor; context: OfficeContext & { facts: Record<string, SubjectFacts> }; at: string }
  | { type: 'EnterScore'; actor: Actor; context: OfficeContext; memberId: string; criterionId: string; points: number; note: string; at: string }
  | { type: 'RecordSelfAssessment'; actor: Actor; rating: Rating; at: string }
  /** The peers' ballots counted at the party group's meeting; `groupMembers` from the directory. */
  | { type: 'RecordPeerTally'; actor: Actor; context: OfficeContext & { groupMembers: number }; groupId: string; tallies: Tally[]; at: string }
  /** The masses' ballots counted from their one-time codes (tallyBallots). */
  | { type: 'RecordMassesTally'; actor: Actor; context: OfficeContext; ballots: number; tallies: Tally[]; at: string }
  /** Points 0 withdraws the bonus or deduction. */
  | { type: 'AwardBonus'; actor: Actor; context: OfficeContext; memberId: string; bonusId: string; points: number; reason: string; at: string }
  | { type: 'RecordDeduction'; actor: Actor; context: OfficeContext; memberId: string; deductionId: string; points: number; reason: string; at: string }
  | { type: 'RecordVeto'; actor: Actor; context: OfficeContext; memberId: string; vetoId: string; reason: string; at: string }
  | { type: 'LiftVeto'; actor: Actor; context: OfficeContext; memberId: string; vetoId: string; reason: string; at: string }
  | { type: 'PutResultsOnNotice'; actor: Actor; context: NoticeContext; at: string }
  | { type: 'RaiseObjection'; actor: Actor; objectionId: string; memberId: string; text: string; at: string }
  | { type: 'DismissObjection'; actor: Actor; context: OfficeContext; objectionId: string; reason: string; at: string }
  | { type: 'UpholdObjection'; actor: Actor; context: OfficeContext; objectionId: string; reason: string; at: string }
  /** Puts every rescored member (and anyone whose grade the quota moved) on a new notice. */
  | { type: 'RenewNotice'; actor: Actor; context: NoticeContext; at: string }
  /** From the office or a scheduler (no actor): final once every notice is over and no objection is open. */
  | { type: 'FinalizeRound'; actor?: Actor; context?: OfficeContext; at: string };
