import { hasRole, requireBureau, type Actor } from '../shared/actor';
import { isYearMonth, localDate, monthOf } from '../shared/dates';
import { conflict, forbidden, invalid, notFound } from '../shared/errors';
import { countStatuses, ITEM_STATUSES, itemKey } from '../shared/statuses';
import { keptAttachments, validateAttachments } from '../shared/evidence';
import { isBlank, repeated } from '../shared/text';
import type { MonthlyCheckCommand } from './commands';
import type { MonthlyCheckEvent } from './events';
import { checkCounts, type MonthlyCheckState } from './state';
import type { CheckEntry } from './types';
import { validateEntries } from './validate-entries';

function requireGroupLeader(actor: Actor, groupId: string): void {
  if (!hasRole(actor, 'group-leader') || actor.groupId !== groupId) {
    throw forbidden('not_the_group_leader', `only the leader of party group ${groupId} records its monthly check`, { groupId });
  }
}

const normalise = (entries: readonly CheckEntry[]): CheckEntry[] =>
  entries.map((e) => ({
    memberId: e.memberId,
    note: e.note.trim(),
    items: e.items.map((i) => ({ pledgeId: i.pledgeId, itemNo: i.itemNo, status: i.status, ...(isBlank(i.note) ? {} : { note: i.note!.trim() }) })),
    ...keptAttachments(e.attachments),
  }));

function decideCorrection(command: Extract<MonthlyCheckCommand, { type: 'CorrectMonthlyCheck' }>, state: MonthlyCheckState): MonthlyCheckEvent[] {
  if (state.status === 'none') throw notFound('monthly_check', '(this group and month)');
  requireBureau(command.actor, state.bureauId);
  requireGroupLeader(command.actor, state.groupId);
  if (isBlank(command.reason)) throw invalid('reason_required', 'a correction gives its reason', { field: 'reason' });
  if (!command.changes.length) throw invalid('changes_required', 'a correction changes at least one status', { field: 'changes' });
  const unknown = command.changes.filter((c) => !state.entries[c.memberId]?.items[itemKey(c)]);
  if (unknown.length) throw invalid('unknown_items', `not in this check: ${unknown.map((c) => `${c.memberId} ${c.pledgeId} #${c.itemNo}`).join(', ')}`, { field: 'changes', items: unknown });
  const twice = repeated(command.changes.map((c) => `${c.memberId}|${itemKey(c)}`));
  if (twice.length) throw invalid('repeated_item', `changed more than once: ${twice.join(', ')}`, { field: 'changes' });
  if (command.changes.some((c) => !(ITEM_STATUSES as readonly string[]).includes(c.status))) throw invalid('bad_status', `a status is one of ${ITEM_STATUSES.join(', ')}`, { field: 'changes' });
  const changes = command.changes
    .map((c) => {
      const before = state.entries[c.memberId]!.items[itemKey(c)]!;
      const note = isBlank(c.note) ? undefined : c.note!.trim();
      return { memberId: c.memberId, pledgeId: c.pledgeId, itemNo: c.itemNo, status: c.status, ...(note !== undefined ? { note } : {}), previous: before.status, same: before.status === c.status && (note === undefined || note === before.note) };
    })
    .filter((c) => !c.same)
    .map(({ same: _same, ...c }) => c);
  // Nothing differs: a repeated request.
  if (!changes.length) return [];
  const after = { ...state.entries };
  for (const c of changes) after[c.memberId] = { ...after[c.memberId]!, items: { ...after[c.memberId]!.items, [itemKey(c)]: { pledgeId: c.pledgeId, itemNo: c.itemNo, status: c.status } } };
  const { bureauId, branchId, groupId, month } = state;
  const counts = checkCounts(after);
  const items = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    {
      type: 'MonthlyCheckCorrected',
      data: { bureauId, branchId, groupId, month, changes, reason: command.reason.trim(), members: Object.keys(after).length, items, counts, by: command.actor.memberId, at: command.at },
    },
  ];
}

export function decideMonthlyCheck(command: MonthlyCheckCommand, state: MonthlyCheckState): MonthlyCheckEvent[] {
  if (command.type === 'CorrectMonthlyCheck') return decideCorrection(command, state);
  requireBureau(command.actor, command.bureauId);
  requireGroupLeader(command.actor, command.groupId);
  if (state.status === 'recorded') {
    throw conflict('check_already_recorded', `group ${state.groupId} was checked for ${state.month} by ${state.recordedBy}; correct it instead`, { recordedBy: state.recordedBy, recordedAt: state.recordedAt });
  }
  if (!isYearMonth(command.month)) throw invalid('bad_month', 'month is YYYY-MM', { field: 'month' });
  const thisMonth = monthOf(localDate(command.at));
  if (command.month > thisMonth) throw invalid('future_month', `${command.month} has not begun (this month is ${thisMonth})`, { field: 'month' });
  validateEntries(command.roster, command.entries);
  command.entries.forEach((e, i) => validateAttachments(e.attachments ?? [], `entries/${i}/attachments`));
  const entries = normalise(command.entries);
  const counts = countStatuses(entries.flatMap((e) => e.items.map((i) => i.status)));
  const { bureauId, branchId, groupId, month } = command;
  return [
    {
      type: 'MonthlyCheckRecorded',
      data: { bureauId, branchId, groupId, month, entries, members: entries.length, items: entries.reduce((n, e) => n + e.items.length, 0), counts, by: command.actor.memberId, at: command.at },
    },
  ];
}

