import type { Quarter } from '../shared/dates';
import type { LeftOut, Meeting, MemberBehind, QuarterSummary, TalkDue } from './types';

export type DispatchEvent = {
  type: 'QuarterlyDispatchHeld';
  data: {
    bureauId: string;
    branchId: string;
    year: number;
    quarter: Quarter;
    meeting: Meeting;
    summary: QuarterSummary;
    membersBehind: MemberBehind[];
    leftOut: LeftOut[];
    /** One reminder talk per member behind and not left out; a policy schedules each as its own aggregate. */
    talksDue: TalkDue[];
    /** The ids of the check and progress events the summary was computed from. */
    sourceEventIds: string[];
    by: string;
    at: string;
  };
};
