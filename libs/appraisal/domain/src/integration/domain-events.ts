import type { BallotCodeEvent } from '../ballot/ballot-code';
import type { CalendarEvent } from '../calendar/calendar-decider';
import type { DispatchEvent } from '../dispatch/events';
import type { MonthlyCheckEvent } from '../monthly-check/events';
import type { RoundEvent } from '../round/events';
import type { SchemeEvent } from '../scheme/events';
import type { TalkEvent } from '../talk/events';

/** Every event the appraisal context stores (type names are unique across its aggregates). */
export type AppraisalDomainEvent = SchemeEvent | CalendarEvent | MonthlyCheckEvent | DispatchEvent | TalkEvent | RoundEvent | BallotCodeEvent;

/**
 * Events that must never leave the appraisal service, whatever a future mapping says: talk notes
 * and a cancellation's reason (personal data), the objector's identity and text (for the office
 * only), and single ballots (only counts are ever shown). The relay refuses them before mapping.
 */
export const NEVER_PUBLISHED_EVENT_TYPES: ReadonlySet<AppraisalDomainEvent['type']> = new Set(['ReminderTalkHeld', 'ReminderTalkCancelled', 'ObjectionRaised', 'BallotCast']);
