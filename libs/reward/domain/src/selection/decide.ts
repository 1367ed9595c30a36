import { conflict, forbidden, invalid, wrongState } from '@pledgebook/util';
import { proposeNominees, eligibleForSelection } from '../policy/eligibility';
import { hasRole, requireLeadingGroup } from '../shared/actor';
import { TOP_GRADE } from '../shared/grades';
import { firstDuplicate, localDate, optionalText, requireText } from '../shared/values';
import { decideObjection, decideRaiseObjection, openObjections } from './decide-objections';
import type { SelectionCommand, SelectionEvent, SelectionState } from './types';

type Of<T extends SelectionCommand['type']> = Extract<SelectionCommand, { type: T }>;

function requireStatus(state: SelectionState, allowed: SelectionState['status'][]): void {
  if (!allowed.includes(state.status)) throw wrongState('the selection', state.status, allowed);
}

function open(c: Of<'OpenSelection'>, state: SelectionState): SelectionEvent[] {
  requireLeadingGroup(c.actor, 'open a selection');
  if (state.status !== 'none') {
    // The same request again (a retry with the same id) changes nothing; anything else is a clash.
    if (state.honour?.honourId === c.honourId && state.year === c.year && state.quota === c.quota) return [];
    throw conflict('selection_exists', `selection ${c.selectionId} already exists`, { selectionId: c.selectionId });
  }
  if (!c.policy) throw invalid('no_reward_policy', `the bureau has no reward policy for ${c.year}`, { field: 'year' });
  const honour = c.policy.honours.find((h) => h.honourId === c.honourId);
  if (!honour) throw invalid('unknown_honour', `the ${c.year} policy has no honour ${c.honourId}`, { field: 'honourId' });
  if (honour.award !== 'selection') throw invalid('honour_not_by_selection', `${honour.title} goes to everyone eligible; it needs no selection`, { field: 'honourId' });
  if (!Number.isInteger(c.quota) || c.quota < 1 || c.quota > (honour.quota ?? 0)) {
    throw invalid('quota_over_policy', `the quota must be 1 to ${honour.quota ?? 0}, as the policy allows`, { field: 'quota', policyQuota: honour.quota });
  }
  const title = c.title === undefined ? honour.title : requireText(c.title, 'title', 100);
  return [
    { type: 'SelectionOpened', data: { selectionId: c.selectionId, bureauId: c.bureauId, year: c.year, title, quota: c.quota, honour, policyVersion: c.policy.version, openedBy: c.actor.memberId, openedAt: c.at } },
    { type: 'NomineesProposed', data: { selectionId: c.selectionId, nominees: proposeNominees(honour, c.year, c.results), at: c.at } },
  ];
}

function propose(c: Of<'ProposeNominees'>, state: SelectionState): SelectionEvent[] {
  requireLeadingGroup(c.actor, 'propose nominees');
  requireStatus(state, ['open']);
  const nominees = proposeNominees(state.honour!, state.year!, c.results);
  if (JSON.stringify(nominees) === JSON.stringify(state.proposed)) return [];
  return [{ type: 'NomineesProposed', data: { selectionId: state.selectionId, nominees, at: c.at } }];
}

function nominate(c: Of<'Nominate'>, state: SelectionState): SelectionEvent[] {
  const byRole = hasRole(c.actor, 'leading-group') ? 'leading-group' : hasRole(c.actor, 'branch-secretary') ? 'branch-secretary' : undefined;
  if (!byRole) throw forbidden('not_a_nominator', 'branch secretaries and the leading group nominate');
  requireStatus(state, ['open']);
  if (!c.nominee) throw invalid('unknown_member', `member ${c.memberId} is not in the bureau’s directory`, { field: 'memberId' });
  if (byRole === 'branch-secretary' && (!c.actorBranchId || c.nominee.branchId !== c.actorBranchId)) {
    throw forbidden('not_your_branch', 'a branch secretary nominates members of their own branch');
  }
  if (state.nominations.some((n) => n.memberId === c.memberId)) throw conflict('already_nominated', `${c.memberId} is already nominated`, { memberId: c.memberId });
  const standing = eligibleForSelection(state.honour!, state.year!, c.results.filter((r) => r.memberId === c.memberId));
  const grade = standing.result?.grade;
  const reason = optionalText(c.reason, 'reason', 1000);
  if (grade !== TOP_GRADE && !reason) {
    throw invalid('reason_required', grade ? `${c.memberId}’s result is ${grade}: a nominee below the top grade needs a reason` : `${c.memberId} has no final result this year: the nomination needs a reason`, {
      field: 'reason',
    });
  }
  const basis = standing.result ? (standing.consecutive?.length ? standing.consecutive : [standing.result]).map((r) => `${r.roundId}/${r.memberId}`) : undefined;
  return [
    {
      type: 'NominationMade',
      data: {
        selectionId: state.selectionId,
        memberId: c.memberId,
        by: c.actor.memberId,
        byRole,
        ...(grade ? { grade } : {}),
        ...(basis ? { basis } : {}),
        ...(reason ? { reason } : {}),
        ...(c.nominee.branchId ? { branchId: c.nominee.branchId } : {}),
        at: c.at,
      },
    },
  ];
}

function decideOn(c: Of<'DecideSelection'>, state: SelectionState): SelectionEvent[] {
  requireLeadingGroup(c.actor, 'decide a selection');
  requireStatus(state, ['open']);
  if (c.meeting.date > localDate(c.at)) throw invalid('meeting_in_future', 'the meeting cannot be later than today', { field: 'meeting/date' });
  if (state.openedAt && c.meeting.date < localDate(state.openedAt)) throw invalid('meeting_before_opening', 'the meeting cannot be before the selection opened', { field: 'meeting/date' });
  const attendee = firstDuplicate(c.meeting.attendees);
  if (attendee) throw invalid('duplicate_attendee', `${attendee.value} is listed twice`, { field: `meeting/attendees/${attendee.index}` });
  const duplicate = firstDuplicate(c.selected);
  if (duplicate) throw invalid('duplicate_selected', `${duplicate.value} is selected twice`, { field: `selected/${duplicate.index}` });
  const outsider = c.selected.findIndex((m) => !state.nominations.some((n) => n.memberId === m));
  if (outsider >= 0) throw invalid('not_nominated', `${c.selected[outsider]} was not nominated`, { field: `selected/${outsider}` });
  if (c.selected.length > state.quota!) throw invalid('over_quota', `the quota is ${state.quota}; ${c.selected.length} selected`, { field: 'selected', quota: state.quota });
  const minutes = optionalText(c.meeting.minutes, 'meeting/minutes', 2000);
  const meeting = { date: c.meeting.date, attendees: [...c.meeting.attendees], ...(minutes ? { minutes } : {}) };
  const { selectionId, bureauId, year, title, quota, honour } = state;
  return [{ type: 'SelectionDecided', data: { selectionId, bureauId: bureauId!, year: year!, honourId: honour!.honourId, title: title!, quota: quota!, meeting, selected: [...c.selected], decidedBy: c.actor.memberId, decidedAt: c.at } }];
}

function notice(c: Of<'PutSelectionOnNotice'>, state: SelectionState): SelectionEvent[] {
  requireLeadingGroup(c.actor, 'put a selection on notice');
  requireStatus(state, ['decided']);
  if (c.startsOn < state.decision!.meeting.date) throw invalid('notice_before_decision', 'the notice cannot start before the meeting that decided', { field: 'startsOn' });
  if (c.endsOn < c.startsOn) throw invalid('notice_ends_before_start', 'the notice ends before it starts', { field: 'endsOn' });
  return [{ type: 'SelectionPutOnNotice', data: { selectionId: state.selectionId, startsOn: c.startsOn, endsOn: c.endsOn, by: c.actor.memberId, at: c.at } }];
}

function announce(c: Of<'AnnounceSelection'>, state: SelectionState): SelectionEvent[] {
  requireLeadingGroup(c.actor, 'announce a selection');
  requireStatus(state, ['decided', 'on-notice']);
  if (state.status === 'on-notice' && localDate(c.at) <= state.notice!.endsOn) {
    throw conflict('notice_not_over', `the notice runs until ${state.notice!.endsOn}`, { endsOn: state.notice!.endsOn });
  }
  const open = openObjections(state);
  if (open.length > 0) throw conflict('objections_open', `decide the objections first: ${open.join(', ')}`, { objections: open });
  return [{ type: 'SelectionAnnounced', data: { selectionId: state.selectionId, announcedBy: c.actor.memberId, announcedAt: c.at } }];
}

export function decideSelection(command: SelectionCommand, state: SelectionState): SelectionEvent[] {
  if (command.type !== 'OpenSelection' && state.status === 'none') throw wrongState('the selection', 'none', ['open']);
  switch (command.type) {
    case 'OpenSelection':
      return open(command, state);
    case 'ProposeNominees':
      return propose(command, state);
    case 'Nominate':
      return nominate(command, state);
    case 'DecideSelection':
      return decideOn(command, state);
    case 'PutSelectionOnNotice':
      return notice(command, state);
    case 'AnnounceSelection':
      return announce(command, state);
    case 'RaiseSelectionObjection':
      return decideRaiseObjection(command, state);
    case 'DecideSelectionObjection':
      return decideObjection(command, state);
  }
}
