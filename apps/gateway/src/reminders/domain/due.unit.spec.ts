import { findDue, localDate, type DueSnapshot } from './due';

const TZ = 'Asia/Shanghai';
const empty: DueSnapshot = { reviews: [], talks: [], groups: [], checksRecorded: new Set() };

describe('what falls due', () => {
  it('takes the date in the bureau’s time zone', () => {
    expect(localDate(new Date('2026-03-19T17:00:00Z'), TZ)).toBe('2026-03-20');
    expect(localDate(new Date('2026-03-19T15:00:00Z'), TZ)).toBe('2026-03-19');
  });

  it('a review is overdue once its stage has waited longer than its deadline', () => {
    const snapshot: DueSnapshot = { ...empty, reviews: [{ pledgeId: 'p1', round: 1, stage: 'group', since: '2026-03-01T00:00:00Z', groupId: 'g1' }] };
    expect(findDue(new Date('2026-03-08T00:00:00Z'), TZ, snapshot)).toEqual([]);
    const found = findDue(new Date('2026-03-08T00:00:01Z'), TZ, snapshot);
    expect(found).toEqual([
      { key: 'review-overdue|p1|1|group|2026-03-01T00:00:00Z', fact: { due: 'review-overdue', pledgeId: 'p1', round: 1, stage: 'group', since: '2026-03-01T00:00:00Z', days: 7, groupId: 'g1' } },
    ]);
    // The bureau's own deadlines replace the defaults.
    expect(findDue(new Date('2026-03-08T00:00:01Z'), TZ, { ...snapshot, deadlines: { groupDays: 10, branchDays: 10 } })).toEqual([]);
  });

  it('a talk is overdue the day after its due date', () => {
    const snapshot: DueSnapshot = { ...empty, talks: [{ talkId: 't1', memberId: 'li', branchId: 'b1', dueOn: '2026-04-15' }] };
    expect(findDue(new Date('2026-04-15T15:00:00Z'), TZ, snapshot)).toEqual([]);
    expect(findDue(new Date('2026-04-15T16:00:00Z'), TZ, snapshot).map((f) => f.key)).toEqual(['talk-overdue|t1']);
  });

  it('a group’s check of the month is due from the 20th unless recorded', () => {
    const snapshot: DueSnapshot = { ...empty, groups: [{ groupId: 'g1', branchId: 'b1' }, { groupId: 'g2' }], checksRecorded: new Set(['g2|2026-03']) };
    expect(findDue(new Date('2026-03-19T12:00:00Z'), TZ, snapshot)).toEqual([]);
    expect(findDue(new Date('2026-03-20T01:00:00Z'), TZ, snapshot)).toEqual([{ key: 'check-due|g1|2026-03', fact: { due: 'check-due', groupId: 'g1', branchId: 'b1', month: '2026-03' } }]);
  });
});
