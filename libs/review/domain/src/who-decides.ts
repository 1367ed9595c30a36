import { forbidden, invalid } from '@pledgebook/util';
import type { ReviewCommand } from './commands';
import type { ReviewState } from './state';
import type { DecidingBody, PledgerOfficer, Reviewer, Stage } from './types';

type OpenRound = Extract<ReviewCommand, { type: 'OpenRound' }>;

/**
 * Pledgers who hold an office in their own book's review: the leader of the deciding group, the
 * secretary of the book's branch. Nobody reviews their own book, so the review passes them by.
 */
export function pledgerOfficersOf(command: OpenRound): PledgerOfficer[] {
  const pledgers = new Set(command.pledger.memberIds);
  const officers: PledgerOfficer[] = [];
  for (const place of command.places ?? []) {
    if (!pledgers.has(place.memberId)) continue;
    if (command.groupId && place.roles.includes('group-leader') && place.groupId === command.groupId) officers.push({ memberId: place.memberId, role: 'group-leader' });
    if (command.branchId && place.roles.includes('branch-secretary') && place.branchId === command.branchId) officers.push({ memberId: place.memberId, role: 'branch-secretary' });
  }
  return officers;
}

/** Every pledger's party group, the deciding group (the first pledger's) first. */
export function groupIdsOf(command: OpenRound): string[] {
  const groupOf = new Map((command.places ?? []).map((p) => [p.memberId, p.groupId]));
  const ids = [command.groupId, ...command.pledger.memberIds.map((m) => groupOf.get(m))].filter((g): g is string => !!g);
  return [...new Set(ids)];
}

/**
 * Where a round starts: the group discusses first, except for collective books and staff outside
 * a group, a book of the group's own leader (it goes to the branch), and a resubmission after a
 * branch return that the group did not ask to see again.
 */
export function firstStage(state: ReviewState, command: OpenRound, officers: readonly PledgerOfficer[]): Stage {
  if (command.pledger.type === 'collective' || !command.groupId) return 'branch';
  if (officers.some((o) => o.role === 'group-leader')) return 'branch';
  if (state.status === 'returned' && state.lastReturn?.stage === 'branch' && !state.lastReturn.groupAskedAgain) return 'branch';
  return 'group';
}

/**
 * Who decides: the branch meeting; the leading party group for a book outside any branch (the
 * leadership team's, a department's, staff outside a branch) and for the branch secretary's own
 * book (ADR 0038: no deputy secretary is known to the directory).
 */
export function decidingBodyOf(command: OpenRound, officers: readonly PledgerOfficer[]): DecidingBody {
  if (!command.branchId) return 'leading-group';
  return officers.some((o) => o.role === 'branch-secretary') ? 'leading-group' : 'branch';
}

export function requireNotOwnBook(state: ReviewState, reviewer: Reviewer): void {
  if (state.pledger.memberIds.includes(reviewer.memberId)) {
    throw forbidden('own_book', 'nobody reviews their own pledge book', { memberId: reviewer.memberId, pledgeId: state.pledgeId });
  }
}

/** The programme's calendar day (China Standard Time, as the pledge service keeps it) at an instant. */
export function programmeDateOf(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw invalid('invalid_time', `not an ISO time: ${at}`, { field: 'at' });
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A meeting record: attendees who belong to the deciding body, on a day that has come. */
export function checkMeeting(state: ReviewState, meeting: { date: string; attendees: string[] }, bodyMembers: readonly string[], at: string): void {
  if (meeting.attendees.length === 0) throw invalid('attendees_required', 'the meeting record lists who attended', { field: 'meeting/attendees' });
  const members = new Set(bodyMembers);
  const outside = [...new Set(meeting.attendees.filter((a) => !members.has(a)))];
  if (outside.length) {
    const body = state.decidingBody === 'leading-group' ? 'the leading party group' : `branch ${state.branchId}`;
    throw invalid('attendees_not_members', `not members of ${body}: ${outside.join(', ')}`, { field: 'meeting/attendees', notMembers: outside });
  }
  const today = programmeDateOf(at);
  if (meeting.date > today) throw invalid('meeting_in_future', `a meeting on ${meeting.date} has not taken place yet (today is ${today})`, { field: 'meeting/date', today });
}
