import { hasRole, requireBureau, type Actor } from '../shared/actor';
import { isIsoDate, localDate } from '../shared/dates';
import { conflict, forbidden, invalid, notFound, wrongState } from '../shared/errors';
import { isBlank, repeated } from '../shared/text';
import type { TalkCommand } from './commands';
import type { TalkEvent } from './events';
import type { TalkState } from './state';

/** The branch's secretary or the member's group leader holds the talk; never the member. */
function requireTalker(actor: Actor, state: TalkState, memberGroupId: string | undefined): void {
  const secretary = hasRole(actor, 'branch-secretary') && actor.branchId === state.branchId;
  const leader = hasRole(actor, 'group-leader') && !!memberGroupId && actor.groupId === memberGroupId;
  if (actor.memberId === state.memberId || !(secretary || leader)) {
    throw forbidden('not_a_talker', `the secretary of branch ${state.branchId} or the member's group leader records this talk`);
  }
}

function requireScheduled(state: TalkState): void {
  if (state.status === 'none') throw notFound('reminder_talk', state.talkId || '(unknown)');
  if (state.status === 'held') throw conflict('talk_already_recorded', `the talk was recorded on ${state.held!.heldOn}`, { currentState: 'held' });
  if (state.status !== 'scheduled') throw wrongState('the reminder talk', state.status, ['scheduled']);
}

export function decideTalk(command: TalkCommand, state: TalkState): TalkEvent[] {
  switch (command.type) {
    case 'ScheduleReminderTalk': {
      // A redelivered dispatch event schedules nothing twice.
      if (state.status !== 'none') return [];
      const { type: _t, ...data } = command;
      return [{ type: 'ReminderTalkScheduled', data }];
    }
    case 'RecordReminderTalk': {
      requireScheduled(state);
      requireBureau(command.actor, state.bureauId);
      requireTalker(command.actor, state, command.context.memberGroupId);
      const today = localDate(command.at);
      if (!isIsoDate(command.heldOn)) throw invalid('bad_date', 'heldOn is YYYY-MM-DD', { field: 'heldOn' });
      if (command.heldOn > today) throw invalid('date_in_future', `the talk cannot be after today (${today})`, { field: 'heldOn' });
      if (command.heldOn < state.scheduledOn!) throw invalid('before_dispatch', `the talk follows the dispatch of ${state.scheduledOn}`, { field: 'heldOn' });
      if (!isIsoDate(command.followUpOn) || command.followUpOn <= command.heldOn) throw invalid('bad_follow_up', 'the follow-up date is after the talk', { field: 'followUpOn' });
      if (!command.talkedBy.length) throw invalid('talkers_required', 'name who talked with the member', { field: 'talkedBy' });
      if (command.talkedBy.includes(state.memberId)) throw invalid('member_talked_with_self', 'the member is talked with, not a talker', { field: 'talkedBy' });
      if (repeated(command.talkedBy).length) throw invalid('repeated_talker', 'a talker is named once', { field: 'talkedBy' });
      if (isBlank(command.notes.analysis)) throw invalid('analysis_required', 'record the analysis of why fulfilment lags', { field: 'notes/analysis' });
      const actions = command.notes.agreedActions.map((a) => a.trim()).filter((a) => a);
      if (!actions.length) throw invalid('actions_required', 'record at least one agreed action', { field: 'notes/agreedActions' });
      const personal = { analysis: command.notes.analysis.trim(), agreedActions: actions };
      const { heldOn, talkedBy, followUpOn } = command;
      return [{ type: 'ReminderTalkHeld', data: { talkId: state.talkId, heldOn, talkedBy, followUpOn, late: heldOn > state.dueOn!, by: command.actor.memberId, at: command.at, personal } }];
    }
    case 'CancelReminderTalk': {
      requireScheduled(state);
      requireBureau(command.actor, state.bureauId);
      if (!hasRole(command.actor, 'branch-secretary') || command.actor.branchId !== state.branchId) {
        throw forbidden('not_the_branch_secretary', `only the secretary of branch ${state.branchId} calls off a talk`);
      }
      if (isBlank(command.reason)) throw invalid('reason_required', 'say why the talk is called off', { field: 'reason' });
      return [{ type: 'ReminderTalkCancelled', data: { talkId: state.talkId, by: command.actor.memberId, at: command.at, personal: { reason: command.reason.trim() } } }];
    }
  }
}
