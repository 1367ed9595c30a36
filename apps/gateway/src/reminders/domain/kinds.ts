/** The kinds of reminder a person may receive, and mute. */
export const REMINDER_KINDS = ['book-returned', 'review-overdue', 'check-due', 'talk-due', 'talk-overdue', 'notice-started', 'objection-decided'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * What a reminder says, as data (the console words it in the reader's language). Only what the
 * person may see anyway: no talk notes, no objection texts, no objectors.
 */
export interface ReminderContent {
  pledgeId?: string;
  round?: number;
  stage?: 'group' | 'branch';
  /** Items returned for revision (numbers only). */
  itemNos?: number[];
  /** Days a review stage may take (its deadline). */
  days?: number;
  since?: string;
  groupId?: string;
  branchId?: string;
  memberId?: string;
  month?: string;
  talkId?: string;
  dueOn?: string;
  year?: number;
  half?: string;
  startsOn?: string;
  endsOn?: string;
  objectionId?: string;
  outcome?: 'dismissed' | 'upheld';
}

/** Who a reminder goes to, as the facts name them; the directory view resolves them to people. */
export type Audience =
  | { type: 'members'; memberIds: string[] }
  | { type: 'pledgers'; pledgeId: string }
  | { type: 'role'; role: 'group-leader'; groupId: string }
  | { type: 'role'; role: 'branch-secretary'; branchId: string }
  | { type: 'role'; role: 'leading-group' }
  | { type: 'bureau' };

export interface ReminderPlan {
  kind: ReminderKind;
  audience: Audience;
  content: ReminderContent;
}
