import type { Quarter } from '../shared/dates';
import type { BehindItem } from '../dispatch/types';
import type { TalkNotes } from './commands';
import type { TalkEvent } from './events';

export interface TalkState {
  status: 'none' | 'scheduled' | 'held' | 'cancelled';
  talkId: string;
  bureauId: string;
  branchId: string;
  memberId: string;
  year: number;
  quarter?: Quarter;
  scheduledOn?: string;
  dueOn?: string;
  items: BehindItem[];
  held?: { heldOn: string; talkedBy: string[]; followUpOn: string; late: boolean; by: string; notes: TalkNotes };
  /** Personal: the reason a talk was called off. */
  cancelledFor?: string;
}

export const initialTalkState = (): TalkState => ({ status: 'none', talkId: '', bureauId: '', branchId: '', memberId: '', year: 0, items: [] });

export function evolveTalk(state: TalkState, event: TalkEvent): TalkState {
  switch (event.type) {
    case 'ReminderTalkScheduled': {
      const { at: _at, ...data } = event.data;
      return { ...state, ...data, status: 'scheduled' };
    }
    case 'ReminderTalkHeld': {
      const { heldOn, talkedBy, followUpOn, late, by, personal } = event.data;
      return { ...state, status: 'held', held: { heldOn, talkedBy, followUpOn, late, by, notes: personal } };
    }
    case 'ReminderTalkCancelled':
      return { ...state, status: 'cancelled', cancelledFor: event.data.personal.reason };
  }
}

/** A scheduled talk not held by its due date (for the talks-due list). */
export const isTalkOverdue = (state: TalkState, today: string): boolean => state.status === 'scheduled' && !!state.dueOn && today > state.dueOn;
