import { deciderSpec } from '@pledgebook/util/testing';
import type { RatingCounts } from '../shared/ratings';
import { EXAMPLE_SCHEME } from '../scheme/example-scheme';
import type { RoundCommand } from './commands';
import { roundDecider } from './decider';
import type { RoundEvent } from './events';
import { fold, member, office, opened, OPEN_AT, qian, roundKey } from './round.fixtures';

const given = deciderSpec(roundDecider.decide, roundDecider.evolve, roundDecider.initialState);
const AT = OPEN_AT;
const counts = (good: number, fair = 0, average = 0, poor = 0): RatingCounts => ({ good, fair, average, poor });
const peerTally = (extra: Partial<Extract<RoundCommand, { type: 'RecordPeerTally' }>> = {}): RoundCommand => ({
  type: 'RecordPeerTally',
  actor: qian,
  context: { ...office, groupMembers: 3 },
  groupId: 'group-1',
  tallies: [
    { memberId: 'sun', counts: counts(2) },
    { memberId: 'zheng', counts: counts(1, 1) },
  ],
  at: AT,
  ...extra,
});
const peersCounted: RoundEvent = { type: 'PeerTallyRecorded', data: { groupId: 'group-1', groupMembers: 3, tallies: (peerTally() as Extract<RoundCommand, { type: 'RecordPeerTally' }>).tallies, by: 'qian', at: AT } };
const massesTally = (extra: Partial<Extract<RoundCommand, { type: 'RecordMassesTally' }>> = {}): RoundCommand => ({
  type: 'RecordMassesTally',
  actor: qian,
  context: office,
  ballots: 23,
  tallies: [
    { memberId: 'sun', counts: counts(20, 3) },
    { memberId: 'qin', counts: counts(10, 5, 5, 3) },
  ],
  at: AT,
  ...extra,
});

describe('appraisal round: democratic evaluation (counts only)', () => {
  describe('self-assessment', () => {
    it('records the subject’s own rating, once', () => {
      const recorded: RoundEvent = { type: 'SelfAssessmentRecorded', data: { memberId: 'sun', rating: 'fair', at: AT } };
      given([opened]).when({ type: 'RecordSelfAssessment', actor: member('sun'), rating: 'fair', at: AT }).then([recorded]);
      given([opened, recorded]).when({ type: 'RecordSelfAssessment', actor: member('sun'), rating: 'good', at: AT }).thenFails('already_assessed', 'conflict');
    });
    it('keeps the rating and when it was recorded, to show the member what she gave', () => {
      const state = fold([opened, { type: 'SelfAssessmentRecorded', data: { memberId: 'sun', rating: 'fair', at: '2026-06-22T02:00:00.000Z' } }]);
      expect([state.self.sun, state.selfAt.sun, state.selfAt.zheng]).toEqual(['fair', '2026-06-22T02:00:00.000Z', undefined]);
    });
    it('refuses people who are not subjects, bad ratings and other bureaus', () => {
      given([opened]).when({ type: 'RecordSelfAssessment', actor: member('chen'), rating: 'good', at: AT }).thenFails('not_a_subject', 'forbidden');
      given([opened]).when({ type: 'RecordSelfAssessment', actor: member('sun'), rating: 'excellent' as never, at: AT }).thenFails('bad_rating', 'invalid', 'rating');
      given([opened]).when({ type: 'RecordSelfAssessment', actor: { ...member('sun'), bureauId: 'yantai' }, rating: 'good', at: AT }).thenFails('other_bureau', 'forbidden');
    });
  });

  describe('peers within the party group', () => {
    it('records one group’s counted ballots', () => given([opened]).when(peerTally()).then([peersCounted]));
    it('counts a group once', () => {
      given([opened, peersCounted]).when(peerTally()).thenFails('peer_tally_recorded', 'conflict');
    });
    it('allows at most the group’s other members’ votes: nobody rates themselves', () => {
      const error = given([opened]).when(peerTally({ tallies: [{ memberId: 'sun', counts: counts(3) }, { memberId: 'zheng', counts: counts(2) }] })).thenFails('too_many_votes', 'invalid', 'tallies');
      expect(error.details.memberIds).toEqual(['sun']);
    });
    it('wants every subject of the group, and only them, with whole counts', () => {
      expect(given([opened]).when(peerTally({ tallies: [{ memberId: 'sun', counts: counts(2) }] })).thenFails('tallies_missing', 'invalid', 'tallies').details.memberIds).toEqual(['zheng']);
      given([opened]).when(peerTally({ tallies: [{ memberId: 'sun', counts: counts(2) }, { memberId: 'zheng', counts: counts(1) }, { memberId: 'wu', counts: counts(1) }] })).thenFails('not_a_subject', 'invalid', 'tallies');
      given([opened]).when(peerTally({ tallies: [{ memberId: 'sun', counts: counts(2) }, { memberId: 'sun', counts: counts(1) }] })).thenFails('repeated_member', 'invalid', 'tallies');
      given([opened]).when(peerTally({ tallies: [{ memberId: 'sun', counts: counts(1.5) }, { memberId: 'zheng', counts: counts(1) }] })).thenFails('bad_counts', 'invalid', 'tallies');
      given([opened]).when(peerTally({ groupId: 'group-9' })).thenFails('no_subjects_in_group', 'invalid', 'groupId');
      given([opened]).when(peerTally({ context: { ...office, groupMembers: 1 } })).thenFails('bad_group_size', 'invalid', 'groupMembers');
    });
    it('is entered by the office only', () => {
      given([opened]).when(peerTally({ actor: member('zhao') })).thenFails('not_office_staff', 'forbidden');
    });
  });

  describe('the masses, by one-time codes', () => {
    it('records the counts of the ballots cast', () =>
      given([opened]).when(massesTally()).then([{ type: 'MassesTallyRecorded', data: { ballots: 23, tallies: (massesTally() as Extract<RoundCommand, { type: 'RecordMassesTally' }>).tallies, by: 'qian', at: AT } }]));
    it('allows at most one vote per ballot for a member, and counts once', () => {
      given([opened]).when(massesTally({ ballots: 22 })).thenFails('too_many_votes', 'invalid', 'tallies');
      given([opened]).when(massesTally({ ballots: 0 })).thenFails('bad_ballots', 'invalid', 'ballots');
      const counted = roundDecider.decide(massesTally(), roundDecider.evolve(roundDecider.initialState(), opened));
      given([opened, ...counted]).when(massesTally()).thenFails('masses_tally_recorded', 'conflict');
    });
  });

  it('counts nothing when the scheme has no democratic evaluation', () => {
    const scheme = { ...(opened.data as { scheme: typeof EXAMPLE_SCHEME }).scheme, criteria: EXAMPLE_SCHEME.criteria.filter((c) => c.id !== 'democratic') };
    const withoutDemocratic = { ...opened, data: { ...opened.data, scheme } } as RoundEvent;
    given([withoutDemocratic]).when(massesTally()).thenFails('no_democratic_evaluation', 'conflict');
    given([withoutDemocratic]).when(peerTally()).thenFails('no_democratic_evaluation', 'conflict');
    given([withoutDemocratic]).when({ type: 'RecordSelfAssessment', actor: member('sun'), rating: 'good', at: AT }).thenFails('no_democratic_evaluation', 'conflict');
  });

  it('closes the evaluation once results are on notice', () => {
    const notice: RoundEvent = { type: 'ResultsPutOnNotice', data: { ...roundKey, notice: { postedOn: '2026-06-29', startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 }, results: [], renewal: false, by: 'qian', at: AT } };
    given([opened, notice]).when(massesTally()).thenFails('wrong_state', 'conflict');
    given([opened, notice]).when({ type: 'RecordSelfAssessment', actor: member('sun'), rating: 'good', at: AT }).thenFails('wrong_state', 'conflict');
  });
});
