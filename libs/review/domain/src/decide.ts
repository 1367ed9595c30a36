import { conflict, forbidden, invalid, notFound, wrongState } from '@pledgebook/util';
import type { ReviewCommand } from './commands';
import type { ReviewEvent } from './events';
import { currentRound, decidingRoleOf, type ReviewState } from './state';
import type { DecidingRole, ItemVerdict, Reviewer } from './types';
import { checkMeeting, decidingBodyOf, firstStage, groupIdsOf, pledgerOfficersOf, requireNotOwnBook } from './who-decides';

const has = (reviewer: Reviewer, role: string) => reviewer.roles.includes(role);

function requireOpen(state: ReviewState, wanted: ReviewState['status'][]): void {
  if (state.status === 'none') throw notFound('review', state.pledgeId || '(unknown)');
  if (!wanted.includes(state.status)) throw wrongState('the review', state.status, wanted as string[]);
}

function requireGroupLeader(state: ReviewState, reviewer: Reviewer): void {
  if (!has(reviewer, 'group-leader') || reviewer.groupId !== state.groupId) {
    throw forbidden('not_the_group_leader', `only the leader of party group ${state.groupId ?? '(none)'} records its evaluation`);
  }
  requireNotOwnBook(state, reviewer);
}

/** The deciding body's decision is recorded by the branch secretary, or by the leading party group. */
function requireDecider(state: ReviewState, reviewer: Reviewer): void {
  if (state.decidingBody === 'leading-group') {
    if (!has(reviewer, 'leading-group')) throw forbidden('not_the_deciding_body', 'the leading party group decides this pledge');
  } else if (!has(reviewer, 'branch-secretary') || reviewer.branchId !== state.branchId) {
    throw forbidden('not_the_branch_secretary', `only the secretary of branch ${state.branchId ?? '(none)'} records its meeting`);
  }
  requireNotOwnBook(state, reviewer);
}

function checkItemNumbers(state: ReviewState, itemNos: number[], field: string): void {
  const known = new Set((currentRound(state)?.items ?? []).map((i) => i.no));
  const unknown = itemNos.filter((n) => !known.has(n));
  if (unknown.length) throw invalid('unknown_item', `no item ${unknown.join(', ')} in this pledge`, { field, unknownItemNos: unknown });
  const repeated = itemNos.filter((n, i) => itemNos.indexOf(n) !== i);
  if (repeated.length) throw invalid('repeated_item', `item ${[...new Set(repeated)].join(', ')} appears more than once`, { field, repeatedItemNos: [...new Set(repeated)] });
}

export function decideReview(command: ReviewCommand, state: ReviewState): ReviewEvent[] {
  switch (command.type) {
    case 'OpenRound': {
      // A redelivered submission (same or older round) changes nothing.
      if (command.round <= state.round) return [];
      if (state.status === 'approved' || state.status === 'withdrawn' || state.status === 'closed') throw wrongState('the review', state.status, ['returned']);
      const { type: _t, at, places: _places, ...data } = command;
      const officers = pledgerOfficersOf(command);
      const groupIds = groupIdsOf(command);
      return [
        {
          type: 'ReviewRoundOpened',
          data: {
            ...data,
            ...(groupIds.length ? { groupIds } : {}),
            stage: firstStage(state, command, officers),
            decidingBody: decidingBodyOf(command, officers),
            ...(officers.length ? { pledgerOfficers: officers } : {}),
            openedAt: at,
          },
        },
      ];
    }
    case 'AddComment': {
      requireOpen(state, ['group']);
      // A paired book is discussed in each pledger's group.
      if (!command.reviewer.groupId || !state.groupIds.includes(command.reviewer.groupId)) {
        throw forbidden('not_in_the_group', `only members of party group ${state.groupIds.join(' or ') || '(none)'} discuss this pledge`);
      }
      if (!command.text.trim()) throw invalid('empty_comment', 'a comment has text', { field: 'text' });
      return [{ type: 'GroupCommentAdded', data: { round: state.round, commentId: command.commentId, by: command.reviewer.memberId, text: command.text, at: command.at } }];
    }
    case 'RecordGroupEvaluation': {
      requireOpen(state, ['group']);
      requireGroupLeader(state, command.reviewer);
      if (!command.evaluation.trim()) throw invalid('evaluation_required', 'the group records its evaluation', { field: 'evaluation' });
      checkItemNumbers(state, command.notes.map((n) => n.itemNo), 'notes');
      const base = { round: state.round, evaluation: command.evaluation, by: command.reviewer.memberId, role: 'group-leader' as const, at: command.at };
      if (command.decision === 'forward') return [{ type: 'GroupForwarded', data: { ...base, notes: command.notes } }];
      if (command.notes.length === 0) throw invalid('notes_required', 'returning a pledge names what to revise, item by item', { field: 'notes' });
      const notes = new Map(command.notes.map((n) => [n.itemNo, n.note]));
      const verdicts: ItemVerdict[] = currentRound(state)!.items.map((item) =>
        notes.has(item.no) ? { itemNo: item.no, verdict: 'revise', reason: notes.get(item.no)! } : { itemNo: item.no, verdict: 'approved' },
      );
      return [{ type: 'GroupReturned', data: { ...base, verdicts } }];
    }
    case 'DecideAtBranch': {
      requireOpen(state, ['branch']);
      requireDecider(state, command.reviewer);
      checkMeeting(state, command.meeting, command.bodyMembers, command.at);
      checkItemNumbers(state, command.verdicts.map((v) => v.itemNo), 'verdicts');
      const decided = new Set(command.verdicts.map((v) => v.itemNo));
      const missing = currentRound(state)!.items.map((i) => i.no).filter((n) => !decided.has(n));
      if (missing.length) {
        throw invalid('verdicts_incomplete', `every item needs a verdict (逐人逐條); missing: ${missing.join(', ')}`, { field: 'verdicts', missingItemNos: missing });
      }
      const withoutReason = command.verdicts.filter((v) => v.verdict === 'revise' && !v.reason?.trim()).map((v) => v.itemNo);
      if (withoutReason.length) throw invalid('reason_required', `a "revise" verdict gives its reason (item ${withoutReason.join(', ')})`, { field: 'verdicts', itemNos: withoutReason });
      const verdicts: ItemVerdict[] = [...command.verdicts]
        .sort((a, b) => a.itemNo - b.itemNo)
        .map((v) => (v.verdict === 'revise' ? { itemNo: v.itemNo, verdict: 'revise', reason: v.reason!.trim() } : { itemNo: v.itemNo, verdict: 'approved' }));
      const data = { round: state.round, meeting: command.meeting, verdicts, by: command.reviewer.memberId, role: decidingRoleOf(state), at: command.at };
      return [verdicts.every((v) => v.verdict === 'approved') ? { type: 'BranchApproved', data } : { type: 'BranchReturned', data }];
    }
    case 'AskForGroupReview': {
      requireOpen(state, ['returned']);
      requireGroupLeader(state, command.reviewer);
      if (state.lastReturn?.stage !== 'branch') throw conflict('group_returned_it', 'the group returned this pledge itself; the resubmission comes back to the group');
      if (state.lastReturn.groupAskedAgain) return [];
      if (!command.reason.trim()) throw invalid('reason_required', 'say why the group wants to discuss it again', { field: 'reason' });
      return [{ type: 'GroupReviewRequested', data: { round: state.round, reason: command.reason, by: command.reviewer.memberId, at: command.at } }];
    }
    case 'CloseWithdrawn': {
      if (state.status === 'none' || state.status === 'withdrawn' || state.status === 'approved' || state.status === 'closed') return [];
      return [{ type: 'ReviewWithdrawn', data: { round: state.round, reason: command.reason, at: command.at } }];
    }
    case 'CloseWithYear': {
      // A book never submitted has no review; a withdrawn or closed one has nothing left to close.
      if (state.status === 'none' || state.status === 'withdrawn' || state.status === 'closed') return [];
      return [{ type: 'ReviewClosed', data: { round: state.round, year: command.year, at: command.at } }];
    }
  }
}

/** The role the events of one command were decided in (the recorded actor role), if any. */
export function actingRoleOf(events: readonly ReviewEvent[]): DecidingRole | undefined {
  for (const event of events) if ('role' in event.data && event.data.role) return event.data.role;
  return undefined;
}
