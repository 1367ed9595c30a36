import type { ItemStatus, ItemStatusFact } from '../shared/statuses';
import type { DispatchRosterMember, ProgressFact } from './types';

// A first quarter of two party groups, shared by the dispatch specs.
export const roster: DispatchRosterMember[] = [
  { memberId: 'sun', groupId: 'group-1', items: [{ pledgeId: 'p-sun', itemNo: 1, dueQuarter: 1 }, { pledgeId: 'p-sun', itemNo: 2 }] },
  { memberId: 'zheng', groupId: 'group-1', items: [{ pledgeId: 'p-zheng', itemNo: 1, dueQuarter: 2 }, { pledgeId: 'p-zheng', itemNo: 2, dueQuarter: 1 }] },
  { memberId: 'wu', groupId: 'group-2', items: [{ pledgeId: 'p-wu', itemNo: 1, dueQuarter: 4 }] },
];

const fact = (eventId: string, groupId: string, month: string, memberId: string, pledgeId: string, itemNo: number, status: ItemStatus): ItemStatusFact => ({
  eventId,
  groupId,
  month,
  memberId,
  pledgeId,
  itemNo,
  status,
});

export const statuses: ItemStatusFact[] = [
  fact('ev-g1-01', 'group-1', '2026-01', 'sun', 'p-sun', 1, 'on-track'),
  fact('ev-g1-01', 'group-1', '2026-01', 'sun', 'p-sun', 2, 'on-track'),
  fact('ev-g1-01', 'group-1', '2026-01', 'zheng', 'p-zheng', 1, 'not-started'),
  fact('ev-g1-01', 'group-1', '2026-01', 'zheng', 'p-zheng', 2, 'on-track'),
  fact('ev-g2-01', 'group-2', '2026-01', 'wu', 'p-wu', 1, 'on-track'),
  fact('ev-g1-02', 'group-1', '2026-02', 'sun', 'p-sun', 1, 'done'),
  fact('ev-g1-02', 'group-1', '2026-02', 'sun', 'p-sun', 2, 'on-track'),
  fact('ev-g1-02', 'group-1', '2026-02', 'zheng', 'p-zheng', 1, 'behind'),
  fact('ev-g1-02', 'group-1', '2026-02', 'zheng', 'p-zheng', 2, 'on-track'),
  fact('ev-g1-03', 'group-1', '2026-03', 'sun', 'p-sun', 1, 'done'),
  fact('ev-g1-03', 'group-1', '2026-03', 'sun', 'p-sun', 2, 'behind'),
  fact('ev-g1-03', 'group-1', '2026-03', 'zheng', 'p-zheng', 1, 'behind'),
  fact('ev-g1-03', 'group-1', '2026-03', 'zheng', 'p-zheng', 2, 'on-track'),
  // The March check corrected: sun's second item was on track after all.
  fact('ev-g1-03c', 'group-1', '2026-03', 'sun', 'p-sun', 2, 'on-track'),
  fact('ev-g2-03', 'group-2', '2026-03', 'wu', 'p-wu', 1, 'on-track'),
  // After the quarter: not part of it.
  fact('ev-g1-04', 'group-1', '2026-04', 'zheng', 'p-zheng', 1, 'done'),
];

export const progress: ProgressFact[] = [
  { eventId: 'ev-p1', memberId: 'sun', pledgeId: 'p-sun', itemNo: 1, recordedOn: '2026-02-10' },
  { eventId: 'ev-p2', memberId: 'sun', pledgeId: 'p-sun', itemNo: 2, recordedOn: '2026-03-05' },
  { eventId: 'ev-p3', memberId: 'zheng', pledgeId: 'p-zheng', itemNo: 1, recordedOn: '2026-04-02' },
];
