import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import type { MonthlyCheckCommand } from './commands';
import { monthlyCheckDecider } from './decider';
import type { MonthlyCheckEvent } from './events';
import { statusFactsOf } from './status-facts';
import type { CheckEntry, RosterMember } from './types';

const given = deciderSpec(monthlyCheckDecider.decide, monthlyCheckDecider.evolve, monthlyCheckDecider.initialState);
// 01:00 on 1 April in Weihai is still 31 March in UTC: "this month" is the bureau's.
const AT = '2026-03-31T17:00:00.000Z';
const zhao: Actor = { memberId: 'zhao', bureauId: 'weihai', roles: ['member', 'group-leader'], groupId: 'group-1', branchId: 'branch-1' };
const roster: RosterMember[] = [
  { memberId: 'sun', items: [{ pledgeId: 'p-sun', itemNo: 1 }, { pledgeId: 'p-sun', itemNo: 2 }] },
  { memberId: 'zheng', items: [{ pledgeId: 'p-zheng', itemNo: 1 }, { pledgeId: 'p-pair', itemNo: 1 }] },
];
const entries: CheckEntry[] = [
  { memberId: 'sun', note: '学习笔记齐全', items: [{ pledgeId: 'p-sun', itemNo: 1, status: 'done' }, { pledgeId: 'p-sun', itemNo: 2, status: 'on-track', note: ' 已完成一季度报表 ' }] },
  { memberId: 'zheng', note: '实事承诺尚未开始', items: [{ pledgeId: 'p-zheng', itemNo: 1, status: 'behind' }, { pledgeId: 'p-pair', itemNo: 1, status: 'not-started' }] },
];
const record = (extra: Partial<Extract<MonthlyCheckCommand, { type: 'RecordMonthlyCheck' }>> = {}): MonthlyCheckCommand => ({
  type: 'RecordMonthlyCheck',
  actor: zhao,
  bureauId: 'weihai',
  branchId: 'branch-1',
  groupId: 'group-1',
  month: '2026-04',
  roster,
  entries,
  at: AT,
  ...extra,
});
const recorded: MonthlyCheckEvent = {
  type: 'MonthlyCheckRecorded',
  data: {
    bureauId: 'weihai',
    branchId: 'branch-1',
    groupId: 'group-1',
    month: '2026-04',
    entries: [entries[0]!, entries[1]!].map((e, i) => (i === 0 ? { ...e, items: [e.items[0]!, { ...e.items[1]!, note: '已完成一季度报表' }] } : e)),
    members: 2,
    items: 4,
    counts: { done: 1, 'on-track': 1, behind: 1, 'not-started': 1 },
    by: 'zhao',
    at: AT,
  },
};
const correct = (extra: Partial<Extract<MonthlyCheckCommand, { type: 'CorrectMonthlyCheck' }>> = {}): MonthlyCheckCommand => ({
  type: 'CorrectMonthlyCheck',
  actor: zhao,
  changes: [{ memberId: 'zheng', pledgeId: 'p-zheng', itemNo: 1, status: 'on-track' }],
  reason: '核实后进度正常',
  at: AT,
  ...extra,
});
const corrected: MonthlyCheckEvent = {
  type: 'MonthlyCheckCorrected',
  data: {
    bureauId: 'weihai',
    branchId: 'branch-1',
    groupId: 'group-1',
    month: '2026-04',
    changes: [{ memberId: 'zheng', pledgeId: 'p-zheng', itemNo: 1, status: 'on-track', previous: 'behind' }],
    reason: '核实后进度正常',
    members: 2,
    items: 4,
    counts: { done: 1, 'on-track': 2, behind: 0, 'not-started': 1 },
    by: 'zhao',
    at: AT,
  },
};

describe('monthly check', () => {
  describe('recording', () => {
    it('records every member’s items with their statuses, notes and counts', () => given([]).when(record()).then([recorded]));
    it('takes the current month in the bureau’s time zone', () => {
      expect(monthlyCheckDecider.decide(record({ month: '2026-04' }), monthlyCheckDecider.initialState())).toHaveLength(1);
    });
    it('refuses a future month and a malformed one', () => {
      given([]).when(record({ month: '2026-05' })).thenFails('future_month', 'invalid', 'month');
      given([]).when(record({ month: '2026-13' })).thenFails('bad_month', 'invalid', 'month');
    });
    it('allows one check per group and month', () => {
      const error = given([recorded]).when(record()).thenFails('check_already_recorded', 'conflict');
      expect(error.details.recordedBy).toBe('zhao');
    });
    it('lets only the group’s leader record it', () => {
      given([]).when(record({ actor: { ...zhao, groupId: 'group-2' } })).thenFails('not_the_group_leader', 'forbidden');
      given([]).when(record({ actor: { ...zhao, roles: ['member'] } })).thenFails('not_the_group_leader', 'forbidden');
      given([]).when(record({ actor: { ...zhao, bureauId: 'yantai' } })).thenFails('other_bureau', 'forbidden');
    });
  });

  describe('completeness (422 naming what is missing)', () => {
    it('names missing members', () => {
      const error = given([]).when(record({ entries: [entries[0]!] })).thenFails('members_missing', 'invalid', 'entries');
      expect(error.details.memberIds).toEqual(['zheng']);
    });
    it('names missing items', () => {
      const error = given([]).when(record({ entries: [entries[0]!, { ...entries[1]!, items: [entries[1]!.items[0]!] }] })).thenFails('items_missing', 'invalid', 'entries');
      expect(error.details.items).toEqual([{ memberId: 'zheng', pledgeId: 'p-pair', itemNo: 1 }]);
    });
    it('names members and items not on the roster, and repeats', () => {
      expect(given([]).when(record({ entries: [...entries, { memberId: 'wu', note: 'x', items: [] }] })).thenFails('unknown_members', 'invalid').details.memberIds).toEqual(['wu']);
      given([]).when(record({ entries: [...entries, entries[0]!] })).thenFails('repeated_member', 'invalid');
      const extraItem = { ...entries[0]!, items: [...entries[0]!.items, { pledgeId: 'p-sun', itemNo: 9, status: 'done' as const }] };
      expect(given([]).when(record({ entries: [extraItem, entries[1]!] })).thenFails('unknown_items', 'invalid').details.items).toEqual([{ memberId: 'sun', pledgeId: 'p-sun', itemNo: 9 }]);
      const twice = { ...entries[0]!, items: [...entries[0]!.items, entries[0]!.items[0]!] };
      given([]).when(record({ entries: [twice, entries[1]!] })).thenFails('repeated_item', 'invalid');
    });
    it('wants a known status and a note for every member', () => {
      const bad = { ...entries[0]!, items: [{ ...entries[0]!.items[0]!, status: 'finished' as never }, entries[0]!.items[1]!] };
      given([]).when(record({ entries: [bad, entries[1]!] })).thenFails('bad_status', 'invalid');
      expect(given([]).when(record({ entries: [{ ...entries[0]!, note: ' ' }, entries[1]!] })).thenFails('note_required', 'invalid').details.memberIds).toEqual(['sun']);
    });
    it('refuses a check with nobody to check', () => {
      given([]).when(record({ roster: [], entries: [] })).thenFails('nothing_to_check', 'invalid', 'entries');
    });
  });

  describe('corrections', () => {
    it('records a correction as a new event with its reason, the previous status and the new counts', () => given([recorded]).when(correct()).then([corrected]));
    it('keeps the corrected status in the state', () => {
      const state = [recorded, corrected].reduce(monthlyCheckDecider.evolve, monthlyCheckDecider.initialState());
      expect(state.entries.zheng!.items['p-zheng#1']).toEqual({ pledgeId: 'p-zheng', itemNo: 1, status: 'on-track' });
      expect(state.entries.sun!.items['p-sun#2']!.note).toBe('已完成一季度报表');
      expect(state.corrections).toBe(1);
    });
    it('ignores a correction that changes nothing (a retry)', () => given([recorded, corrected]).when(correct()).then([]));
    it('corrects an item’s note alone, and keeps it', () => {
      const [event] = monthlyCheckDecider.decide(correct({ changes: [{ memberId: 'sun', pledgeId: 'p-sun', itemNo: 1, status: 'done', note: ' 附学习笔记 ' }] }), monthlyCheckDecider.evolve(monthlyCheckDecider.initialState(), recorded));
      expect(event!.data).toMatchObject({ changes: [{ memberId: 'sun', itemNo: 1, status: 'done', previous: 'done', note: '附学习笔记' }], counts: recorded.data.counts });
      const state = [recorded, event!].reduce(monthlyCheckDecider.evolve, monthlyCheckDecider.initialState());
      expect(state.entries.sun!.items['p-sun#1']).toEqual({ pledgeId: 'p-sun', itemNo: 1, status: 'done', note: '附学习笔记' });
    });
    it('refuses corrections without a reason, of unknown items, repeated, or before the check', () => {
      given([recorded]).when(correct({ reason: '' })).thenFails('reason_required', 'invalid', 'reason');
      given([recorded]).when(correct({ changes: [] })).thenFails('changes_required', 'invalid', 'changes');
      given([recorded]).when(correct({ changes: [{ memberId: 'sun', pledgeId: 'p-zheng', itemNo: 1, status: 'done' }] })).thenFails('unknown_items', 'invalid', 'changes');
      given([recorded]).when(correct({ changes: [corrected.data.changes[0]!, corrected.data.changes[0]!] })).thenFails('repeated_item', 'invalid', 'changes');
      given([recorded]).when(correct({ changes: [{ memberId: 'sun', pledgeId: 'p-sun', itemNo: 1, status: 'late' as never }] })).thenFails('bad_status', 'invalid', 'changes');
      given([]).when(correct()).thenFails('monthly_check_not_found', 'not_found');
    });
    it('lets only the group’s leader correct it', () => {
      given([recorded]).when(correct({ actor: { ...zhao, memberId: 'wang', roles: ['member', 'branch-secretary'] } })).thenFails('not_the_group_leader', 'forbidden');
    });
  });

  it('turns stored check events into item status facts citing their ids', () => {
    expect(statusFactsOf(recorded, 'ev-1')).toHaveLength(4);
    expect(statusFactsOf(recorded, 'ev-1')[0]).toEqual({ eventId: 'ev-1', groupId: 'group-1', month: '2026-04', memberId: 'sun', pledgeId: 'p-sun', itemNo: 1, status: 'done' });
    expect(statusFactsOf(corrected, 'ev-2')).toEqual([{ eventId: 'ev-2', groupId: 'group-1', month: '2026-04', memberId: 'zheng', pledgeId: 'p-zheng', itemNo: 1, status: 'on-track' }]);
  });
});
