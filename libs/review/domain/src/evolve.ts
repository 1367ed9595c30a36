import type { ReviewEvent } from './events';
import { decidingRoleOf, type ReviewState, type RoundRecord } from './state';

function updateRound(state: ReviewState, round: number, change: (r: RoundRecord) => RoundRecord): ReviewState {
  return { ...state, rounds: state.rounds.map((r) => (r.round === round ? change(r) : r)) };
}

export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'ReviewRoundOpened': {
      const { openedAt, items, stage, round, groupIds, pledgerOfficers, ...rest } = event.data;
      return {
        ...state,
        ...rest,
        groupIds: groupIds ?? (rest.groupId ? [rest.groupId] : []),
        pledgerOfficers: pledgerOfficers ?? [],
        round,
        status: stage,
        stageSince: openedAt,
        rounds: [...state.rounds, { round, openedAt, items, startedAt: stage, comments: [] }],
      };
    }
    case 'GroupCommentAdded': {
      const { round, ...comment } = event.data;
      return updateRound(state, round, (r) => ({ ...r, comments: [...r.comments, comment] }));
    }
    case 'GroupForwarded': {
      const { round, evaluation, notes, by, role = 'group-leader', at } = event.data;
      return { ...updateRound(state, round, (r) => ({ ...r, group: { decision: 'forward', evaluation, notes, by, role, at } })), status: 'branch', stageSince: at };
    }
    case 'GroupReturned': {
      const { round, evaluation, verdicts, by, role = 'group-leader', at } = event.data;
      return {
        ...updateRound(state, round, (r) => ({ ...r, group: { decision: 'return', evaluation, verdicts, by, role, at } })),
        status: 'returned',
        stageSince: at,
        lastReturn: { stage: 'group', groupAskedAgain: false },
      };
    }
    case 'BranchApproved': {
      const { round, meeting, verdicts, by, role = decidingRoleOf(state), at } = event.data;
      return { ...updateRound(state, round, (r) => ({ ...r, branch: { decision: 'approve', meeting, verdicts, by, role, at } })), status: 'approved', stageSince: at };
    }
    case 'BranchReturned': {
      const { round, meeting, verdicts, by, role = decidingRoleOf(state), at } = event.data;
      return {
        ...updateRound(state, round, (r) => ({ ...r, branch: { decision: 'return', meeting, verdicts, by, role, at } })),
        status: 'returned',
        stageSince: at,
        lastReturn: { stage: 'branch', groupAskedAgain: false },
      };
    }
    case 'GroupReviewRequested':
      return { ...state, lastReturn: { stage: state.lastReturn?.stage ?? 'branch', groupAskedAgain: true } };
    case 'ReviewWithdrawn': {
      const { round, reason, at } = event.data;
      return { ...updateRound(state, round, (r) => ({ ...r, withdrawn: { reason, at } })), status: 'withdrawn', stageSince: at };
    }
    case 'ReviewClosed': {
      const { round, year, at } = event.data;
      return { ...updateRound(state, round, (r) => ({ ...r, closed: { year, at } })), status: 'closed', stageSince: at };
    }
  }
}

export const foldReview = (events: readonly ReviewEvent[], initial: ReviewState): ReviewState => events.reduce(evolveReview, initial);
