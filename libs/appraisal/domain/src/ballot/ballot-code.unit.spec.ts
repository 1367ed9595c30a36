import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import { ballotCodeDecider, type BallotCodeCommand, type BallotCodeEvent } from './ballot-code';
import { tallyBallots } from './tally-ballots';

const given = deciderSpec(ballotCodeDecider.decide, ballotCodeDecider.evolve, ballotCodeDecider.initialState);
const AT = '2026-06-24T02:00:00.000Z';
const HASH = 'a'.repeat(64);
const qian: Actor = { memberId: 'qian', bureauId: 'weihai', roles: ['appraisal-office'] };
const issue = (extra: Partial<Extract<BallotCodeCommand, { type: 'IssueBallotCode' }>> = {}): BallotCodeCommand => ({
  type: 'IssueBallotCode',
  actor: qian,
  codeHash: HASH,
  bureauId: 'weihai',
  year: 2026,
  half: 'H1',
  context: { officeStaff: ['qian'], roundStatus: 'scoring' },
  at: AT,
  ...extra,
});
const issued: BallotCodeEvent = { type: 'BallotCodeIssued', data: { codeHash: HASH, bureauId: 'weihai', year: 2026, half: 'H1', by: 'qian', at: AT } };
const context = { roundStatus: 'scoring', massesCounted: false, subjects: ['sun', 'zheng', 'wu'] };
const cast = (extra: Partial<Extract<BallotCodeCommand, { type: 'CastBallot' }>> = {}): BallotCodeCommand => ({
  type: 'CastBallot',
  ratings: [
    { memberId: 'sun', rating: 'good' },
    { memberId: 'wu', rating: 'average' },
  ],
  context,
  at: AT,
  ...extra,
});
const castEvent: Extract<BallotCodeEvent, { type: 'BallotCast' }> = { type: 'BallotCast', data: { bureauId: 'weihai', year: 2026, half: 'H1', ratings: (cast() as Extract<BallotCodeCommand, { type: 'CastBallot' }>).ratings, at: AT } };

describe('ballot codes for the masses’ evaluation', () => {
  it('issues a code by its hash for an open round, once', () => {
    given([]).when(issue()).then([issued]);
    given([issued]).when(issue()).then([]);
    given([issued]).when(issue({ half: 'H2' })).thenFails('code_exists', 'conflict');
  });
  it('refuses a plain code, people outside the office, a round not scoring', () => {
    given([]).when(issue({ codeHash: 'ABC123' })).thenFails('bad_code_hash', 'invalid', 'codeHash');
    given([]).when(issue({ half: 'H3' as never })).thenFails('bad_half', 'invalid', 'half');
    given([]).when(issue({ actor: { ...qian, memberId: 'sun' } })).thenFails('not_office_staff', 'forbidden');
    given([]).when(issue({ context: { officeStaff: ['qian'], roundStatus: 'on-notice' } })).thenFails('masses_evaluation_closed', 'conflict');
  });
  it('casts one anonymous ballot per code: one code, one vote', () => {
    given([issued]).when(cast()).then([castEvent]);
    given([issued, castEvent]).when(cast()).thenFails('code_already_used', 'conflict');
    given([]).when(cast()).thenFails('ballot_code_not_found', 'not_found');
  });
  it('takes ballots only while the masses’ evaluation is open', () => {
    given([issued]).when(cast({ context: { ...context, massesCounted: true } })).thenFails('masses_evaluation_closed', 'conflict');
    given([issued]).when(cast({ context: { ...context, roundStatus: 'final' } })).thenFails('masses_evaluation_closed', 'conflict');
  });
  it('wants ratings of subjects, each once, on the scale', () => {
    given([issued]).when(cast({ ratings: [] })).thenFails('ratings_required', 'invalid', 'ratings');
    given([issued]).when(cast({ ratings: [{ memberId: 'chen', rating: 'good' }] })).thenFails('not_a_subject', 'invalid', 'ratings');
    given([issued]).when(cast({ ratings: [{ memberId: 'sun', rating: 'good' }, { memberId: 'sun', rating: 'poor' }] })).thenFails('repeated_member', 'invalid', 'ratings');
    given([issued]).when(cast({ ratings: [{ memberId: 'sun', rating: 'great' as never }] })).thenFails('bad_rating', 'invalid', 'ratings');
  });
  it('tallies ballots into counts per member', () => {
    expect(tallyBallots([castEvent.data, { ratings: [{ memberId: 'sun', rating: 'fair' }] }])).toEqual({
      ballots: 2,
      tallies: [
        { memberId: 'sun', counts: { good: 1, fair: 1, average: 0, poor: 0 } },
        { memberId: 'wu', counts: { good: 0, fair: 0, average: 1, poor: 0 } },
      ],
    });
  });
});
