import { gridRow, overdueMonths } from './check-grid';
import type { CheckView } from '../views/names';

const group = { orgUnitId: 'group-1', name: '综合党小组' };
const roster = [
  { memberId: 'sun', name: '孙丽', items: [{ pledgeId: 'p-sun', itemNo: 1 }] },
  { memberId: 'wang', name: '王晓东', items: [{ pledgeId: 'p-wang', itemNo: 1 }] },
];
const check: CheckView = {
  _id: 'weihai.group-1.2026-03',
  bureauId: 'weihai',
  branchId: 'branch-1',
  groupId: 'group-1',
  month: '2026-03',
  year: 2026,
  members: 1,
  items: 1,
  counts: { done: 1, 'on-track': 0, behind: 0, 'not-started': 0 },
  memberIds: ['sun'],
  entries: { sun: { note: '按计划推进', items: [{ pledgeId: 'p-sun', itemNo: 1, status: 'done' }] } },
  recordedBy: 'zhao',
  recordedAt: '2026-03-31T02:00:00.000Z',
  corrections: 0,
};

describe('the branch grid', () => {
  it('shows a recorded check with the members it left out (books published after it)', () => {
    const row = gridRow(group, '2026-03', '2026-04-10', check, roster);
    expect(row).toMatchObject({ status: 'recorded', recordedBy: 'zhao', notChecked: ['wang'] });
    expect(row.members).toEqual([{ memberId: 'sun', name: '孙丽', note: '按计划推进', items: [{ pledgeId: 'p-sun', itemNo: 1, status: 'done' }] }]);
  });

  it('names a missing check, a month to come and a group with nobody to check', () => {
    expect(gridRow(group, '2026-04', '2026-04-10', undefined, roster)).toMatchObject({ status: 'missing', notChecked: ['sun', 'wang'] });
    expect(gridRow(group, '2026-05', '2026-04-10', undefined, roster).status).toBe('not-due');
    expect(gridRow(group, '2026-04', '2026-04-10', undefined, []).status).toBe('nobody');
  });
});

describe('overdue checks', () => {
  it('lists the months from the first publication up to last month that nobody recorded', () => {
    expect(overdueMonths(2026, '2026-02-15T00:00:00Z', '2026-06-03', new Set(['2026-03']))).toEqual(['2026-02', '2026-04', '2026-05']);
    expect(overdueMonths(2026, '2025-12-20T00:00:00Z', '2026-02-03', new Set())).toEqual(['2026-01']);
    expect(overdueMonths(2026, undefined, '2026-06-03', new Set())).toEqual([]);
    expect(overdueMonths(2025, '2025-10-01T00:00:00Z', '2026-06-03', new Set(['2025-10', '2025-11']))).toEqual(['2025-12']);
  });
});
