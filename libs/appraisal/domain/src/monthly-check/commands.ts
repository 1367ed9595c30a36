import type { Actor } from '../shared/actor';
import type { CheckEntry, RosterMember, StatusChange } from './types';

/** One stream per bureau, party group and month (YYYY-MM). */
export type MonthlyCheckCommand =
  | {
      type: 'RecordMonthlyCheck';
      actor: Actor;
      bureauId: string;
      branchId: string;
      groupId: string;
      month: string;
      /** Looked up by the handler: who had a published book in the group that month, with the books' items. */
      roster: RosterMember[];
      entries: CheckEntry[];
      at: string;
    }
  | { type: 'CorrectMonthlyCheck'; actor: Actor; changes: StatusChange[]; reason: string; at: string };
