import { requireBureau, requireOfficeStaff } from '../shared/actor';
import { firstDayOfHalf, isHalf, localDate, monthsOfHalf } from '../shared/dates';
import { conflict, invalid } from '../shared/errors';
import { repeated } from '../shared/text';
import type { RoundCommand } from './commands';
import type { RoundEvent } from './events';
import type { RoundState } from './state';
import { PARTY_STATUSES, type Subject } from './types';

type OpenRound = Extract<RoundCommand, { type: 'OpenRound' }>;

/** A subject has a published individual or paired book; after the year closed, a closed one still counts. */
const isSubject = (s: Subject) =>
  (PARTY_STATUSES as readonly string[]).includes(s.partyStatus) &&
  s.books.some((b) => (b.pledgerType === 'individual' || b.pledgerType === 'paired') && (b.status === 'published' || b.status === 'closed'));

export function decideOpen(command: OpenRound, state: RoundState): RoundEvent[] {
  const { actor, bureauId, year, half, context } = command;
  requireBureau(actor, bureauId);
  requireOfficeStaff(actor, context, year);
  if (state.status !== 'none') throw conflict('round_already_open', `the ${state.year} ${state.half} round is already open (scheme version ${state.schemeVersion})`, { currentState: state.status });
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw invalid('bad_year', 'year must be between 2000 and 2200', { field: 'year' });
  if (!isHalf(half)) throw invalid('bad_half', 'half is H1 or H2', { field: 'half' });
  const scheme = context.scheme;
  if (scheme.status !== 'published' || !scheme.content || !scheme.publishedAt) {
    throw conflict('scheme_not_published', 'a round uses a scheme published to the bureau beforehand', { field: 'schemeVersion', schemeStatus: scheme.status });
  }
  if (scheme.bureauId !== bureauId || scheme.year !== year) throw invalid('scheme_of_other_year', `the scheme is for ${scheme.bureauId} ${scheme.year}`, { field: 'schemeVersion' });
  if (scheme.publishedAt > command.at) throw conflict('scheme_not_published', 'the scheme was published after this moment', { field: 'schemeVersion' });
  // The appraisal is at the half's end: from the first day of its last month.
  const opensFrom = `${monthsOfHalf(year, half)[5]}-01`;
  const today = localDate(command.at);
  if (today < opensFrom) throw invalid('too_early', `the ${year} ${half} round opens from ${opensFrom} (the half began ${firstDayOfHalf(year, half)})`, { field: 'half' });
  if (!context.subjects.length) throw invalid('no_subjects', 'nobody has a published book to appraise', { field: 'subjects' });
  const twice = repeated(context.subjects.map((s) => s.memberId));
  if (twice.length) throw invalid('repeated_subject', `listed more than once: ${twice.join(', ')}`, { field: 'subjects', memberIds: twice });
  const notSubjects = context.subjects.filter((s) => !isSubject(s)).map((s) => s.memberId);
  if (notSubjects.length) throw invalid('not_a_subject', `no published individual or paired book: ${notSubjects.join(', ')}`, { field: 'subjects', memberIds: notSubjects });
  const subjects = [...context.subjects].sort((a, b) => a.memberId.localeCompare(b.memberId));
  return [{ type: 'RoundOpened', data: { bureauId, year, half, schemeVersion: scheme.version, scheme: scheme.content, subjects, by: actor.memberId, at: command.at } }];
}
