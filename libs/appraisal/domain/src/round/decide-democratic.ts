import { requireBureau } from '../shared/actor';
import { conflict, forbidden, invalid } from '../shared/errors';
import { isRating, isRatingCounts, totalVotes, type RatingCounts } from '../shared/ratings';
import { repeated } from '../shared/text';
import type { RoundCommand } from './commands';
import type { RoundEvent } from './events';
import { requireOffice, requireRound } from './guards';
import type { RoundState } from './state';

type Cmd<T extends RoundCommand['type']> = Extract<RoundCommand, { type: T }>;
type Tally = { memberId: string; counts: RatingCounts };

/** Each tally names subjects once with well-formed counts, and no member gets more votes than `maxVotes`. */
function validateTallies(tallies: readonly Tally[], allowed: readonly string[], maxVotes: number, why: string): Tally[] {
  const strangers = tallies.map((t) => t.memberId).filter((id) => !allowed.includes(id));
  if (strangers.length) throw invalid('not_a_subject', `not subjects here: ${strangers.join(', ')}`, { field: 'tallies', memberIds: strangers });
  const twice = repeated(tallies.map((t) => t.memberId));
  if (twice.length) throw invalid('repeated_member', `counted more than once: ${twice.join(', ')}`, { field: 'tallies', memberIds: twice });
  const bad = tallies.filter((t) => !isRatingCounts(t.counts)).map((t) => t.memberId);
  if (bad.length) throw invalid('bad_counts', `counts of 好, 较好, 一般 and 差 are whole numbers from 0: ${bad.join(', ')}`, { field: 'tallies', memberIds: bad });
  const over = tallies.filter((t) => totalVotes(t.counts) > maxVotes).map((t) => t.memberId);
  if (over.length) throw invalid('too_many_votes', `at most ${maxVotes} votes (${why}): ${over.join(', ')}`, { field: 'tallies', memberIds: over });
  return tallies.map((t) => ({ memberId: t.memberId, counts: { good: t.counts.good, fair: t.counts.fair, average: t.counts.average, poor: t.counts.poor } }));
}

/** Tallies feed the scheme's democratic evaluation criterion; without one there is nothing to count. */
function requireDemocratic(state: RoundState): void {
  if (!state.scheme!.criteria.some((c) => c.source === 'entered' && c.kind === 'democratic-evaluation')) {
    throw conflict('no_democratic_evaluation', `scheme version ${state.schemeVersion} has no democratic evaluation`, {});
  }
}

/** The member's own assessment: the one rating anybody gives themselves, a source of its own. */
export function decideSelfAssessment(command: Cmd<'RecordSelfAssessment'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring']);
  requireBureau(command.actor, state.bureauId);
  requireDemocratic(state);
  const memberId = command.actor.memberId;
  if (!state.subjects[memberId]) throw forbidden('not_a_subject', 'only members appraised in this round assess themselves');
  if (!isRating(command.rating)) throw invalid('bad_rating', 'a rating is good, fair, average or poor (好/较好/一般/差)', { field: 'rating' });
  if (state.self[memberId]) throw conflict('already_assessed', 'the self-assessment is given once', { memberId });
  return [{ type: 'SelfAssessmentRecorded', data: { memberId, rating: command.rating, at: command.at } }];
}

/** The peers' ballots of one party group, counted at its meeting: nobody rates themselves, so at most members − 1 votes each. */
export function decidePeerTally(command: Cmd<'RecordPeerTally'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring']);
  requireOffice(command.actor, command.context, state);
  requireDemocratic(state);
  const inGroup = Object.values(state.subjects).filter((s) => s.groupId === command.groupId).map((s) => s.memberId);
  if (!inGroup.length) throw invalid('no_subjects_in_group', `no subject belongs to party group ${command.groupId}`, { field: 'groupId' });
  if (state.peerGroups.includes(command.groupId)) throw conflict('peer_tally_recorded', `party group ${command.groupId}'s peer evaluation is already counted`, { groupId: command.groupId });
  const { groupMembers } = command.context;
  if (!Number.isInteger(groupMembers) || groupMembers < inGroup.length) throw invalid('bad_group_size', `the group has at least its ${inGroup.length} subjects`, { field: 'groupMembers' });
  const tallies = validateTallies(command.tallies, inGroup, groupMembers - 1, 'the group’s other members');
  const missing = inGroup.filter((id) => !tallies.some((t) => t.memberId === id)).sort();
  if (missing.length) throw invalid('tallies_missing', `every subject of the group is counted: ${missing.join(', ')}`, { field: 'tallies', memberIds: missing });
  return [{ type: 'PeerTallyRecorded', data: { groupId: command.groupId, groupMembers, tallies, by: command.actor.memberId, at: command.at } }];
}

/** The masses' ballots, one per one-time code: counts only, so no single vote can be traced. */
export function decideMassesTally(command: Cmd<'RecordMassesTally'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring']);
  requireOffice(command.actor, command.context, state);
  requireDemocratic(state);
  if (state.massBallots !== undefined) throw conflict('masses_tally_recorded', 'the masses’ evaluation is already counted', {});
  if (!Number.isInteger(command.ballots) || command.ballots < 1) throw invalid('bad_ballots', 'at least one ballot was cast', { field: 'ballots' });
  const tallies = validateTallies(command.tallies, Object.keys(state.subjects), command.ballots, 'one per ballot');
  return [{ type: 'MassesTallyRecorded', data: { ballots: command.ballots, tallies, by: command.actor.memberId, at: command.at } }];
}
