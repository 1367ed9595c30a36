/**
 * The facts the reminders follow, as the gateway records them in its own streams
 * (`gateway-reminder-facts-<bureauId>`, ADR 0019 and 0072):
 * - integration events from the bus, recorded whole (`IntegrationEventRecorded`);
 * - the few facts of the review and appraisal services that are not on the bus, copied from
 *   their streams with only the fields below (`ServiceFactRecorded`);
 * - facts that follow from time, found by the due scan (`ReminderDue`).
 */
export type ServiceFact =
  | { fact: 'review-stage'; pledgeId: string; round: number; stage: 'group' | 'branch'; since: string; groupId?: string; branchId?: string; pledgerIds?: string[] }
  | { fact: 'review-ended'; pledgeId: string; round: number }
  | { fact: 'review-deadlines'; groupDays: number; branchDays: number }
  | { fact: 'talk-scheduled'; talkId: string; memberId: string; branchId: string; dueOn: string }
  | { fact: 'talk-closed'; talkId: string }
  | { fact: 'objection-decided'; objectionId: string; memberId: string; outcome: 'dismissed' | 'upheld'; year: number; half: string };

export type DueFact =
  | { due: 'review-overdue'; pledgeId: string; round: number; stage: 'group' | 'branch'; since: string; days: number; groupId?: string; branchId?: string }
  | { due: 'talk-overdue'; talkId: string; memberId: string; branchId: string; dueOn: string }
  | { due: 'check-due'; groupId: string; branchId?: string; month: string };

/** The bus types the reminders record (everything else on the topics is passed over). */
export const RECORDED_TYPES = {
  memberAdded: 'pledgebook.pledge.member-added.v1',
  memberUpdated: 'pledgebook.pledge.member-updated.v1',
  memberMoved: 'pledgebook.pledge.member-moved.v1',
  pledgeDrafted: 'pledgebook.pledge.pledge-drafted.v1',
  pledgeReturned: 'pledgebook.review.pledge-returned.v1',
  resultsOnNotice: 'pledgebook.appraisal.results-on-notice.v1',
  monthlyCheckRecorded: 'pledgebook.appraisal.monthly-check-recorded.v1',
} as const;

export const SERVICE_FACT_RECORDED = 'ServiceFactRecorded';
export const REMINDER_DUE = 'ReminderDue';
