import type { Quarter } from '../shared/dates';
import type { BehindItem } from '../dispatch/types';
import type { TalkNotes } from './commands';

/**
 * Reminder talks (谈话提醒). PERSONAL DATA: everything under `personal` (the analysis, the agreed
 * actions, a cancellation's reason) is about one member's conduct and stays inside the appraisal
 * service — in its streams and its own access-checked views. No integration event, outside
 * contract or bus message may carry it: the integration mapping has no case for talk events, and
 * PERSONAL_EVENT_TYPES lists them for the relay to refuse outright.
 */
export type TalkEvent =
  | {
      type: 'ReminderTalkScheduled';
      data: { talkId: string; bureauId: string; branchId: string; memberId: string; year: number; quarter: Quarter; scheduledOn: string; dueOn: string; items: BehindItem[]; at: string };
    }
  | { type: 'ReminderTalkHeld'; data: { talkId: string; heldOn: string; talkedBy: string[]; followUpOn: string; late: boolean; by: string; at: string; personal: TalkNotes } }
  | { type: 'ReminderTalkCancelled'; data: { talkId: string; by: string; at: string; personal: { reason: string } } };

export type TalkEventType = TalkEvent['type'];
