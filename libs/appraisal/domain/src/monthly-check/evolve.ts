import { itemKey } from '../shared/statuses';
import type { MonthlyCheckEvent } from './events';
import { entriesToState, type MonthlyCheckState } from './state';

export function evolveMonthlyCheck(state: MonthlyCheckState, event: MonthlyCheckEvent): MonthlyCheckState {
  switch (event.type) {
    case 'MonthlyCheckRecorded': {
      const { bureauId, branchId, groupId, month, entries, by, at } = event.data;
      return { status: 'recorded', bureauId, branchId, groupId, month, entries: entriesToState(entries), recordedBy: by, recordedAt: at, corrections: 0 };
    }
    case 'MonthlyCheckCorrected': {
      const entries = { ...state.entries };
      for (const { memberId, pledgeId, itemNo, status, note } of event.data.changes) {
        const entry = entries[memberId]!;
        const key = itemKey({ pledgeId, itemNo });
        const before = entry.items[key]!;
        entries[memberId] = { ...entry, items: { ...entry.items, [key]: { pledgeId, itemNo, status, ...(note !== undefined ? { note } : before.note !== undefined ? { note: before.note } : {}) } } };
      }
      return { ...state, entries, corrections: state.corrections + 1 };
    }
  }
}
