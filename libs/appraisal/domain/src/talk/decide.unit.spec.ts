import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import type { TalkCommand } from './commands';
import { talkDecider } from './decider';
import type { TalkEvent } from './events';
import { isTalkOverdue } from './state';

const given = deciderSpec(talkDecider.decide, talkDecider.evolve, talkDecider.initialState);
const AT = '2026-04-15T06:00:00.000Z';
const wang: Actor = { memberId: 'wang', bureauId: 'weihai', roles: ['member', 'branch-secretary'], branchId: 'branch-1', groupId: 'group-1' };
const zhao: Actor = { memberId: 'zhao', bureauId: 'weihai', roles: ['member', 'group-leader'], branchId: 'branch-1', groupId: 'group-1' };
const items = [{ pledgeId: 'p-zheng', itemNo: 1, status: 'behind' as const, reason: 'behind' as const }];
const schedule: TalkCommand = {
  type: 'ScheduleReminderTalk',
  talkId: 't1',
  bureauId: 'weihai',
  branchId: 'branch-1',
  memberId: 'zheng',
  year: 2026,
  quarter: 1,
  scheduledOn: '2026-04-08',
  dueOn: '2026-04-22',
  items,
  at: '2026-04-08T06:00:00.000Z',
};
const { type: _t, ...scheduledData } = schedule;
const scheduled: TalkEvent = { type: 'ReminderTalkScheduled', data: scheduledData as Extract<TalkEvent, { type: 'ReminderTalkScheduled' }>['data'] };
const notes = { analysis: ' 业务繁忙，实事承诺未及时落实 ', agreedActions: ['五月底前走访帮扶对象', ' '] };
const recordTalk = (extra: Partial<Extract<TalkCommand, { type: 'RecordReminderTalk' }>> = {}): TalkCommand => ({
  type: 'RecordReminderTalk',
  actor: wang,
  context: { memberGroupId: 'group-1' },
  heldOn: '2026-04-15',
  talkedBy: ['wang', 'zhao'],
  notes,
  followUpOn: '2026-05-31',
  at: AT,
  ...extra,
});
const held: TalkEvent = {
  type: 'ReminderTalkHeld',
  data: {
    talkId: 't1',
    heldOn: '2026-04-15',
    talkedBy: ['wang', 'zhao'],
    followUpOn: '2026-05-31',
    late: false,
    by: 'wang',
    at: AT,
    personal: { analysis: '业务繁忙，实事承诺未及时落实', agreedActions: ['五月底前走访帮扶对象'] },
  },
};

describe('reminder talk', () => {
  it('is scheduled from the dispatch, once', () => {
    given([]).when(schedule).then([scheduled]);
    given([scheduled]).when(schedule).then([]);
  });

  it('records who talked, when, the analysis and agreed actions (personal), and the follow-up date', () => given([scheduled]).when(recordTalk()).then([held]));

  it('lets the member’s group leader record it too, and marks a late talk', () => {
    const [event] = talkDecider.decide(recordTalk({ actor: zhao, heldOn: '2026-04-25', at: '2026-04-25T06:00:00.000Z' }), [scheduled].reduce(talkDecider.evolve, talkDecider.initialState()));
    expect(event!.data).toMatchObject({ by: 'zhao', late: true });
  });

  it('refuses the member, other branches’ secretaries and other groups’ leaders', () => {
    given([scheduled]).when(recordTalk({ actor: { ...wang, memberId: 'zheng' } })).thenFails('not_a_talker', 'forbidden');
    given([scheduled]).when(recordTalk({ actor: { ...wang, branchId: 'branch-2' } })).thenFails('not_a_talker', 'forbidden');
    given([scheduled]).when(recordTalk({ actor: zhao, context: { memberGroupId: 'group-2' } })).thenFails('not_a_talker', 'forbidden');
    given([scheduled]).when(recordTalk({ actor: { ...wang, bureauId: 'yantai' } })).thenFails('other_bureau', 'forbidden');
  });

  it('wants a talk date between the dispatch and today, and a later follow-up', () => {
    given([scheduled]).when(recordTalk({ heldOn: '2026-04-16' })).thenFails('date_in_future', 'invalid', 'heldOn');
    given([scheduled]).when(recordTalk({ heldOn: '2026-04-01' })).thenFails('before_dispatch', 'invalid', 'heldOn');
    given([scheduled]).when(recordTalk({ heldOn: '2026/04/15' })).thenFails('bad_date', 'invalid', 'heldOn');
    given([scheduled]).when(recordTalk({ followUpOn: '2026-04-15' })).thenFails('bad_follow_up', 'invalid', 'followUpOn');
  });

  it('wants talkers other than the member, an analysis and an agreed action', () => {
    given([scheduled]).when(recordTalk({ talkedBy: [] })).thenFails('talkers_required', 'invalid', 'talkedBy');
    given([scheduled]).when(recordTalk({ talkedBy: ['wang', 'zheng'] })).thenFails('member_talked_with_self', 'invalid', 'talkedBy');
    given([scheduled]).when(recordTalk({ talkedBy: ['wang', 'wang'] })).thenFails('repeated_talker', 'invalid', 'talkedBy');
    given([scheduled]).when(recordTalk({ notes: { ...notes, analysis: '' } })).thenFails('analysis_required', 'invalid', 'notes/analysis');
    given([scheduled]).when(recordTalk({ notes: { ...notes, agreedActions: [' '] } })).thenFails('actions_required', 'invalid', 'notes/agreedActions');
  });

  it('records a talk once, and only a scheduled one', () => {
    given([scheduled, held]).when(recordTalk()).thenFails('talk_already_recorded', 'conflict');
    given([]).when(recordTalk()).thenFails('reminder_talk_not_found', 'not_found');
  });

  it('lets the secretary call off a scheduled talk with a reason (personal)', () => {
    const cancel: TalkCommand = { type: 'CancelReminderTalk', actor: wang, reason: ' 已调离本支部 ', at: AT };
    given([scheduled]).when(cancel).then([{ type: 'ReminderTalkCancelled', data: { talkId: 't1', by: 'wang', at: AT, personal: { reason: '已调离本支部' } } }]);
    given([scheduled]).when({ ...cancel, reason: '' }).thenFails('reason_required', 'invalid', 'reason');
    given([scheduled]).when({ ...cancel, actor: zhao }).thenFails('not_the_branch_secretary', 'forbidden');
    given([scheduled, held]).when(cancel).thenFails('talk_already_recorded', 'conflict');
    const cancelled: TalkEvent = { type: 'ReminderTalkCancelled', data: { talkId: 't1', by: 'wang', at: AT, personal: { reason: 'x' } } };
    given([scheduled, cancelled]).when(recordTalk()).thenFails('wrong_state', 'conflict');
  });

  it('lists a talk as overdue after its due date until it is held', () => {
    const state = [scheduled].reduce(talkDecider.evolve, talkDecider.initialState());
    expect(isTalkOverdue(state, '2026-04-22')).toBe(false);
    expect(isTalkOverdue(state, '2026-04-23')).toBe(true);
    expect(isTalkOverdue(talkDecider.evolve(state, held), '2026-04-23')).toBe(false);
  });
});
