import { requireBureau, requireOfficeStaff, type Actor, type OfficeContext } from '../shared/actor';
import { isHalf, type Half } from '../shared/dates';
import { conflict, invalid, notFound } from '../shared/errors';
import { isRating, type Rating } from '../shared/ratings';
import { repeated } from '../shared/text';

/**
 * A one-time code for the masses' evaluation (群众评议), one stream per code hash. Codes are
 * generated at the edge, handed out on paper at a meeting and never linked to a person: only
 * their SHA-256 hash is stored. A code casts one ballot (one code, one vote); the ballot names no
 * voter, and the round keeps only the counts (tallyBallots).
 */
export type BallotCodeCommand =
  | { type: 'IssueBallotCode'; actor: Actor; codeHash: string; bureauId: string; year: number; half: Half; context: OfficeContext & { roundStatus: string }; at: string }
  /** Anonymous: no actor. The handler must not record who sent it (the event metadata names no person). */
  | { type: 'CastBallot'; ratings: Array<{ memberId: string; rating: Rating }>; context: { roundStatus: string; massesCounted: boolean; subjects: readonly string[] }; at: string };

export type BallotCodeEvent =
  | { type: 'BallotCodeIssued'; data: { codeHash: string; bureauId: string; year: number; half: Half; by: string; at: string } }
  | { type: 'BallotCast'; data: { bureauId: string; year: number; half: Half; ratings: Array<{ memberId: string; rating: Rating }>; at: string } };

export interface BallotCodeState {
  status: 'none' | 'issued' | 'used';
  codeHash: string;
  bureauId: string;
  year: number;
  half: Half;
}

export const initialBallotCodeState = (): BallotCodeState => ({ status: 'none', codeHash: '', bureauId: '', year: 0, half: 'H1' });

const SHA256_HEX = /^[0-9a-f]{64}$/;

function requireOpenEvaluation(roundStatus: string, massesCounted = false): void {
  if (roundStatus !== 'scoring' || massesCounted) throw conflict('masses_evaluation_closed', 'the masses’ evaluation of this round is not open', { roundStatus });
}

export function decideBallotCode(command: BallotCodeCommand, state: BallotCodeState): BallotCodeEvent[] {
  if (command.type === 'IssueBallotCode') {
    requireBureau(command.actor, command.bureauId);
    requireOfficeStaff(command.actor, command.context, command.year);
    if (!SHA256_HEX.test(command.codeHash)) throw invalid('bad_code_hash', 'a code is stored as its SHA-256 hash (64 lower-case hex digits)', { field: 'codeHash' });
    if (!isHalf(command.half)) throw invalid('bad_half', 'half is H1 or H2', { field: 'half' });
    if (state.status !== 'none') {
      if (state.bureauId === command.bureauId && state.year === command.year && state.half === command.half) return [];
      throw conflict('code_exists', 'this code was issued for another round', {});
    }
    requireOpenEvaluation(command.context.roundStatus);
    const { codeHash, bureauId, year, half } = command;
    return [{ type: 'BallotCodeIssued', data: { codeHash, bureauId, year, half, by: command.actor.memberId, at: command.at } }];
  }
  if (state.status === 'none') throw notFound('ballot_code', '(this code)');
  if (state.status === 'used') throw conflict('code_already_used', 'this code has cast its ballot: one code, one vote', {});
  requireOpenEvaluation(command.context.roundStatus, command.context.massesCounted);
  if (!command.ratings.length) throw invalid('ratings_required', 'a ballot rates at least one member', { field: 'ratings' });
  const strangers = command.ratings.map((r) => r.memberId).filter((id) => !command.context.subjects.includes(id));
  if (strangers.length) throw invalid('not_a_subject', `not appraised in this round: ${strangers.join(', ')}`, { field: 'ratings', memberIds: strangers });
  const twice = repeated(command.ratings.map((r) => r.memberId));
  if (twice.length) throw invalid('repeated_member', `a ballot rates each member once: ${twice.join(', ')}`, { field: 'ratings', memberIds: twice });
  if (command.ratings.some((r) => !isRating(r.rating))) throw invalid('bad_rating', 'a rating is good, fair, average or poor (好/较好/一般/差)', { field: 'ratings' });
  const ratings = command.ratings.map((r) => ({ memberId: r.memberId, rating: r.rating }));
  return [{ type: 'BallotCast', data: { bureauId: state.bureauId, year: state.year, half: state.half, ratings, at: command.at } }];
}

export function evolveBallotCode(state: BallotCodeState, event: BallotCodeEvent): BallotCodeState {
  if (event.type === 'BallotCodeIssued') {
    const { codeHash, bureauId, year, half } = event.data;
    return { status: 'issued', codeHash, bureauId, year, half };
  }
  return { ...state, status: 'used' };
}

export const ballotCodeDecider = { decide: decideBallotCode, evolve: evolveBallotCode, initialState: initialBallotCodeState };
