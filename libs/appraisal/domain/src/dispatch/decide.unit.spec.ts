import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import type { DispatchCommand, DispatchContext } from './commands';
import { dispatchDecider } from './decider';
import type { DispatchEvent } from './events';
import { progress, roster, statuses } from './quarter.fixtures';
import { summarizeQuarter } from './quarter-summary';

const given = deciderSpec(dispatchDecider.decide, dispatchDecider.evolve, dispatchDecider.initialState);
const AT = '2026-04-08T06:00:00.000Z';
const wang: Actor = { memberId: 'wang', bureauId: 'weihai', roles: ['member', 'branch-secretary'], branchId: 'branch-1', groupId: 'group-1' };
const context: DispatchContext = { branchMembers: ['wang', 'zhao', 'sun', 'zheng', 'wu'], groupIds: ['group-1', 'group-2'], roster, statuses, progress, talkDueDays: 14 };
const meeting = { date: '2026-04-08', attendees: ['wang', 'zhao', 'sun'] };
const hold = (extra: Partial<DispatchCommand> = {}): DispatchCommand => ({
  type: 'HoldQuarterlyDispatch',
  actor: wang,
  bureauId: 'weihai',
  branchId: 'branch-1',
  year: 2026,
  quarter: 1,
  meeting,
  leftOut: [],
  context,
  at: AT,
  ...extra,
});
const zhengBehind = {
  memberId: 'zheng',
  items: [
    { pledgeId: 'p-zheng', itemNo: 1, status: 'behind' as const, reason: 'behind' as const },
    { pledgeId: 'p-zheng', itemNo: 2, status: 'on-track' as const, reason: 'due-not-done' as const },
  ],
};
const held: DispatchEvent = {
  type: 'QuarterlyDispatchHeld',
  data: {
    bureauId: 'weihai',
    branchId: 'branch-1',
    year: 2026,
    quarter: 1,
    meeting,
    summary: summarizeQuarter({ year: 2026, quarter: 1, roster, groupIds: ['group-1', 'group-2'], statuses, progress }),
    membersBehind: [zhengBehind],
    leftOut: [],
    talksDue: [{ memberId: 'zheng', dueOn: '2026-04-22', items: zhengBehind.items }],
    sourceEventIds: ['ev-g1-01', 'ev-g2-01', 'ev-g1-02', 'ev-g1-03', 'ev-g1-03c', 'ev-g2-03', 'ev-p1', 'ev-p2'],
    by: 'wang',
    at: AT,
  },
};

describe('quarterly dispatch', () => {
  it('holds the dispatch: summary, members behind, a reminder talk due for each, and the events it came from', () => given([]).when(hold()).then([held]));

  it('leaves a member behind out only with a reason, and then schedules no talk', () => {
    const [event] = dispatchDecider.decide(hold({ leftOut: [{ memberId: 'zheng', reason: ' 长期病假 ' }] }), dispatchDecider.initialState());
    expect(event!.data.leftOut).toEqual([{ memberId: 'zheng', reason: '长期病假' }]);
    expect(event!.data.talksDue).toEqual([]);
    expect(event!.data.membersBehind).toEqual([zhengBehind]);
  });

  it('refuses to leave out someone who is not behind, twice, or without a reason', () => {
    expect(given([]).when(hold({ leftOut: [{ memberId: 'sun', reason: '出差' }] })).thenFails('not_behind', 'invalid', 'leftOut').details.memberIds).toEqual(['sun']);
    given([]).when(hold({ leftOut: [{ memberId: 'zheng', reason: 'a' }, { memberId: 'zheng', reason: 'b' }] })).thenFails('repeated_member', 'invalid', 'leftOut');
    expect(given([]).when(hold({ leftOut: [{ memberId: 'zheng', reason: '' }] })).thenFails('reason_required', 'invalid', 'leftOut').details.memberIds).toEqual(['zheng']);
  });

  it('uses the configured number of days for the talks', () => {
    const [event] = dispatchDecider.decide(hold({ context: { ...context, talkDueDays: 30 } }), dispatchDecider.initialState());
    expect(event!.data.talksDue[0]!.dueOn).toBe('2026-05-08');
    given([]).when(hold({ context: { ...context, talkDueDays: 0 } })).thenFails('bad_talk_due_days', 'invalid', 'talkDueDays');
  });

  it('holds one dispatch per branch and quarter', () => {
    given([held]).when(hold()).thenFails('dispatch_already_held', 'conflict');
  });

  it('lets only the branch’s secretary hold it', () => {
    given([]).when(hold({ actor: { ...wang, branchId: 'branch-2' } })).thenFails('not_the_branch_secretary', 'forbidden');
    given([]).when(hold({ actor: { ...wang, roles: ['member', 'group-leader'] } })).thenFails('not_the_branch_secretary', 'forbidden');
    given([]).when(hold({ actor: { ...wang, bureauId: 'yantai' } })).thenFails('other_bureau', 'forbidden');
  });

  it('wants a meeting held, not in the future, within or after the quarter, by branch members', () => {
    given([]).when(hold({ meeting: { ...meeting, date: '2026-04-09' } })).thenFails('meeting_in_future', 'invalid', 'meeting/date');
    given([]).when(hold({ meeting: { ...meeting, date: '2025-12-30' } })).thenFails('meeting_before_quarter', 'invalid', 'meeting/date');
    given([]).when(hold({ meeting: { ...meeting, date: '8 April' } })).thenFails('bad_date', 'invalid', 'meeting/date');
    given([]).when(hold({ meeting: { ...meeting, attendees: [] } })).thenFails('attendees_required', 'invalid', 'meeting/attendees');
    expect(given([]).when(hold({ meeting: { ...meeting, attendees: ['wang', 'peng'] } })).thenFails('not_branch_members', 'invalid', 'meeting/attendees').details.memberIds).toEqual(['peng']);
    given([]).when(hold({ meeting: { ...meeting, attendees: ['wang', 'wang'] } })).thenFails('repeated_attendee', 'invalid', 'meeting/attendees');
  });

  it('refuses a quarter that has not begun, and bad quarters and years', () => {
    given([]).when(hold({ quarter: 3 })).thenFails('quarter_not_begun', 'invalid', 'quarter');
    given([]).when(hold({ quarter: 5 as never })).thenFails('bad_quarter', 'invalid', 'quarter');
    given([]).when(hold({ year: 1999 })).thenFails('bad_year', 'invalid', 'year');
  });

  it('keeps what was held', () => {
    expect([held].reduce(dispatchDecider.evolve, dispatchDecider.initialState())).toMatchObject({ status: 'held', branchId: 'branch-1', quarter: 1 });
  });
});
