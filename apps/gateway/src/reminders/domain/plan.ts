import { RECORDED_TYPES, type DueFact, type ServiceFact } from './facts';
import type { ReminderPlan } from './kinds';

/** A recorded fact, whichever way it came in. */
export type ReminderFactInput =
  | { source: 'bus'; type: string; data: Record<string, unknown> }
  | { source: 'service'; fact: ServiceFact }
  | { source: 'due'; fact: DueFact };

/**
 * Which reminders a fact gives, and to whom (pure). Facts that only feed the directory view
 * (members, books drafted, stages, checks recorded) give none.
 */
export function plansFor(input: ReminderFactInput): ReminderPlan[] {
  if (input.source === 'bus') return busPlans(input.type, input.data);
  if (input.source === 'service') return servicePlans(input.fact);
  return duePlans(input.fact);
}

function busPlans(type: string, data: Record<string, unknown>): ReminderPlan[] {
  if (type === RECORDED_TYPES.pledgeReturned) {
    const verdicts = (data['verdicts'] as Array<{ itemNo: number; verdict: string }>) ?? [];
    const itemNos = verdicts.filter((v) => v.verdict === 'revise').map((v) => v.itemNo);
    return [
      {
        kind: 'book-returned',
        audience: { type: 'pledgers', pledgeId: String(data['pledgeId']) },
        content: { pledgeId: String(data['pledgeId']), round: Number(data['round']), stage: data['stage'] as 'group' | 'branch', itemNos },
      },
    ];
  }
  if (type === RECORDED_TYPES.resultsOnNotice) {
    return [
      {
        kind: 'notice-started',
        audience: { type: 'bureau' },
        content: { year: Number(data['year']), half: String(data['half']), startsOn: String(data['startsOn']), endsOn: String(data['endsOn']) },
      },
    ];
  }
  return [];
}

function servicePlans(fact: ServiceFact): ReminderPlan[] {
  switch (fact.fact) {
    case 'talk-scheduled': {
      const content = { talkId: fact.talkId, memberId: fact.memberId, branchId: fact.branchId, dueOn: fact.dueOn };
      return [
        { kind: 'talk-due', audience: { type: 'members', memberIds: [fact.memberId] }, content },
        { kind: 'talk-due', audience: { type: 'role', role: 'branch-secretary', branchId: fact.branchId }, content },
      ];
    }
    case 'objection-decided':
      // The member whose result was objected to; the objector is restricted to the appraisal office.
      return [
        {
          kind: 'objection-decided',
          audience: { type: 'members', memberIds: [fact.memberId] },
          content: { objectionId: fact.objectionId, outcome: fact.outcome, year: fact.year, half: fact.half },
        },
      ];
    default:
      return [];
  }
}

function duePlans(fact: DueFact): ReminderPlan[] {
  switch (fact.due) {
    case 'review-overdue': {
      const content = { pledgeId: fact.pledgeId, round: fact.round, stage: fact.stage, since: fact.since, days: fact.days };
      if (fact.stage === 'group') return fact.groupId ? [{ kind: 'review-overdue', audience: { type: 'role', role: 'group-leader', groupId: fact.groupId }, content }] : [];
      // A book outside any branch is the leading party group's to decide.
      return [{ kind: 'review-overdue', audience: fact.branchId ? { type: 'role', role: 'branch-secretary', branchId: fact.branchId } : { type: 'role', role: 'leading-group' }, content }];
    }
    case 'talk-overdue':
      return [
        {
          kind: 'talk-overdue',
          audience: { type: 'role', role: 'branch-secretary', branchId: fact.branchId },
          content: { talkId: fact.talkId, memberId: fact.memberId, branchId: fact.branchId, dueOn: fact.dueOn },
        },
      ];
    case 'check-due':
      return [{ kind: 'check-due', audience: { type: 'role', role: 'group-leader', groupId: fact.groupId }, content: { groupId: fact.groupId, month: fact.month } }];
  }
}
