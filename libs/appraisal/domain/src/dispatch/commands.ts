import type { Actor } from '../shared/actor';
import type { Quarter } from '../shared/dates';
import type { ItemStatusFact } from '../shared/statuses';
import type { DispatchRosterMember, LeftOut, Meeting, ProgressFact } from './types';

/** A default for the bureau's setting: a reminder talk within two weeks of the dispatch meeting. */
export const DEFAULT_TALK_DUE_DAYS = 14;

/** Looked up by the handler: the branch's people and the quarter's facts. */
export interface DispatchContext {
  /** Everyone in the branch on the meeting date (attendees come from here). */
  branchMembers: readonly string[];
  /** The branch's party groups with members on the roster (their checks are expected). */
  groupIds: readonly string[];
  roster: readonly DispatchRosterMember[];
  statuses: readonly ItemStatusFact[];
  progress: readonly ProgressFact[];
  /** The bureau's setting: days from the meeting within which a reminder talk is held. */
  talkDueDays: number;
}

/** One stream per bureau, branch, year and quarter. */
export type DispatchCommand = {
  type: 'HoldQuarterlyDispatch';
  actor: Actor;
  bureauId: string;
  branchId: string;
  year: number;
  quarter: Quarter;
  meeting: Meeting;
  /** Members behind whom the branch leaves without a reminder talk, each with its reason. */
  leftOut: LeftOut[];
  context: DispatchContext;
  at: string;
};
