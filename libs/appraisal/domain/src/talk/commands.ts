import type { Actor } from '../shared/actor';
import type { Quarter } from '../shared/dates';
import type { BehindItem } from '../dispatch/types';

/** What was said: personal data (see events.ts) that never leaves the appraisal service. */
export interface TalkNotes {
  analysis: string;
  agreedActions: string[];
}

/** One stream per talk id. */
export type TalkCommand =
  /** From a policy on QuarterlyDispatchHeld: one per member in its talksDue. */
  | { type: 'ScheduleReminderTalk'; talkId: string; bureauId: string; branchId: string; memberId: string; year: number; quarter: Quarter; scheduledOn: string; dueOn: string; items: BehindItem[]; at: string }
  | {
      type: 'RecordReminderTalk';
      actor: Actor;
      /** Looked up by the handler: the member's party group today (its leader may hold the talk). */
      context: { memberGroupId?: string };
      heldOn: string;
      /** Who talked with the member. */
      talkedBy: string[];
      notes: TalkNotes;
      followUpOn: string;
      at: string;
    }
  | { type: 'CancelReminderTalk'; actor: Actor; reason: string; at: string };
