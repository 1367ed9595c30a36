import { hasRole, requireBureau } from '../shared/actor';
import { addDays, firstDayOfQuarter, isIsoDate, isQuarter, localDate, monthsOfQuarter } from '../shared/dates';
import { conflict, forbidden, invalid } from '../shared/errors';
import { isBlank, repeated } from '../shared/text';
import type { DispatchCommand } from './commands';
import type { DispatchEvent } from './events';
import { findMembersBehind, summarizeQuarter } from './quarter-summary';
import type { DispatchState } from './state';
import type { LeftOut, Meeting } from './types';

function validateMeeting(meeting: Meeting, branchMembers: readonly string[], from: string, today: string): void {
  if (!isIsoDate(meeting.date)) throw invalid('bad_date', 'the meeting date is YYYY-MM-DD', { field: 'meeting/date' });
  if (meeting.date > today) throw invalid('meeting_in_future', `the meeting cannot be after today (${today})`, { field: 'meeting/date' });
  if (meeting.date < from) throw invalid('meeting_before_quarter', `the quarter's dispatch meets on or after ${from}`, { field: 'meeting/date' });
  if (!meeting.attendees.length) throw invalid('attendees_required', 'the meeting record lists who attended', { field: 'meeting/attendees' });
  const strangers = meeting.attendees.filter((a) => !branchMembers.includes(a));
  if (strangers.length) throw invalid('not_branch_members', `attendees are members of the branch: ${strangers.join(', ')}`, { field: 'meeting/attendees', memberIds: strangers });
  const twice = repeated(meeting.attendees);
  if (twice.length) throw invalid('repeated_attendee', `listed more than once: ${twice.join(', ')}`, { field: 'meeting/attendees', memberIds: twice });
}

function validateLeftOut(leftOut: readonly LeftOut[], behind: readonly string[]): void {
  const notBehind = leftOut.map((l) => l.memberId).filter((id) => !behind.includes(id));
  if (notBehind.length) throw invalid('not_behind', `only members behind can be left out: ${notBehind.join(', ')}`, { field: 'leftOut', memberIds: notBehind });
  const twice = repeated(leftOut.map((l) => l.memberId));
  if (twice.length) throw invalid('repeated_member', `left out more than once: ${twice.join(', ')}`, { field: 'leftOut', memberIds: twice });
  const noReason = leftOut.filter((l) => isBlank(l.reason)).map((l) => l.memberId);
  if (noReason.length) throw invalid('reason_required', `a member behind is left out only with a reason: ${noReason.join(', ')}`, { field: 'leftOut', memberIds: noReason });
}

export function decideDispatch(command: DispatchCommand, state: DispatchState): DispatchEvent[] {
  const { actor, bureauId, branchId, year, quarter, meeting, context } = command;
  requireBureau(actor, bureauId);
  if (!hasRole(actor, 'branch-secretary') || actor.branchId !== branchId) {
    throw forbidden('not_the_branch_secretary', `only the secretary of branch ${branchId} holds its quarterly dispatch`, { branchId });
  }
  if (state.status === 'held') throw conflict('dispatch_already_held', `branch ${branchId} held the dispatch for ${year} Q${quarter} on ${state.held!.meeting.date}`, { meetingDate: state.held!.meeting.date });
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw invalid('bad_year', 'year must be between 2000 and 2200', { field: 'year' });
  if (!isQuarter(quarter)) throw invalid('bad_quarter', 'quarter is 1, 2, 3 or 4', { field: 'quarter' });
  if (!Number.isInteger(context.talkDueDays) || context.talkDueDays < 1 || context.talkDueDays > 90) {
    throw invalid('bad_talk_due_days', 'reminder talks are due within 1 to 90 days', { field: 'talkDueDays' });
  }
  const today = localDate(command.at);
  const from = firstDayOfQuarter(year, quarter);
  if (from > today) throw invalid('quarter_not_begun', `${year} Q${quarter} has not begun`, { field: 'quarter' });
  validateMeeting(meeting, context.branchMembers, from, today);

  const facts = { year, quarter, roster: context.roster, groupIds: context.groupIds, statuses: context.statuses, progress: context.progress };
  const membersBehind = findMembersBehind(facts);
  validateLeftOut(command.leftOut, membersBehind.map((m) => m.memberId));
  const leftOut = command.leftOut.map((l) => ({ memberId: l.memberId, reason: l.reason.trim() }));
  const dueOn = addDays(meeting.date, context.talkDueDays);
  const talksDue = membersBehind.filter((m) => !leftOut.some((l) => l.memberId === m.memberId)).map((m) => ({ memberId: m.memberId, dueOn, items: m.items }));
  const months = monthsOfQuarter(year, quarter);
  const sourceEventIds = [
    ...new Set([...context.statuses.filter((s) => s.month <= months[2]!).map((s) => s.eventId), ...context.progress.filter((p) => months.includes(p.recordedOn.slice(0, 7))).map((p) => p.eventId)]),
  ];
  return [
    {
      type: 'QuarterlyDispatchHeld',
      data: { bureauId, branchId, year, quarter, meeting, summary: summarizeQuarter(facts), membersBehind, leftOut, talksDue, sourceEventIds, by: actor.memberId, at: command.at },
    },
  ];
}
