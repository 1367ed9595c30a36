import { serviceFactOf } from './service-facts';

const AT = '2026-03-01T08:00:00.000Z';

describe('what the reminders keep of the services’ own events', () => {
  it('follows a review through its stages', () => {
    expect(serviceFactOf('review-p1', 'ReviewRoundOpened', { pledgeId: 'p1', round: 1, stage: 'group', groupId: 'g1', branchId: 'b1', openedAt: AT, items: [{ text: 'x' }], pledger: { type: 'individual', memberIds: ['li'] } }, AT)).toEqual({
      fact: 'review-stage', pledgeId: 'p1', round: 1, stage: 'group', since: AT, groupId: 'g1', branchId: 'b1', pledgerIds: ['li'],
    });
    expect(serviceFactOf('review-p1', 'GroupForwarded', { round: 1, evaluation: '好', notes: [], by: 'wang', at: '2026-03-02T00:00:00Z' }, AT)).toEqual({ fact: 'review-stage', pledgeId: 'p1', round: 1, stage: 'branch', since: '2026-03-02T00:00:00Z' });
    expect(serviceFactOf('review-p1', 'BranchApproved', { round: 1 }, AT)).toEqual({ fact: 'review-ended', pledgeId: 'p1', round: 1 });
    expect(serviceFactOf('review-p1', 'GroupCommentAdded', { round: 1, text: '...' }, AT)).toBeUndefined();
    expect(serviceFactOf('review-publications-b.b1.2026', 'PublicationMade', {}, AT)).toBeUndefined();
  });

  it('takes a bureau’s review deadlines', () => {
    expect(serviceFactOf('review-settings-b', 'DeadlinesSet', { groupDays: 3, branchDays: 5, by: 'ye', at: AT }, AT)).toEqual({ fact: 'review-deadlines', groupDays: 3, branchDays: 5 });
  });

  it('keeps nothing personal of a talk or an objection', () => {
    const held = serviceFactOf('appraisal-talk-b.t1', 'ReminderTalkHeld', { talkId: 't1', personal: { analysis: '工作拖延' } }, AT);
    expect(held).toEqual({ fact: 'talk-closed', talkId: 't1' });
    const decided = serviceFactOf('appraisal-round-b.2026.H1', 'ObjectionUpheld', { objectionId: 'o1', memberId: 'li', reason: '分數有誤', by: 'office', at: AT }, AT);
    expect(decided).toEqual({ fact: 'objection-decided', objectionId: 'o1', memberId: 'li', outcome: 'upheld', year: 2026, half: 'H1' });
    expect(serviceFactOf('appraisal-round-b.2026.H1', 'ObjectionRaised', { objectionId: 'o1', memberId: 'li', restricted: { objectorId: 'x', text: 'y' } }, AT)).toBeUndefined();
  });
});
