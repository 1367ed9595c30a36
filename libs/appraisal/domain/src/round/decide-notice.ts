import { isNoticeOver, noticePeriod } from '../calendar/working-days';
import { localDate } from '../shared/dates';
import { conflict, invalid } from '../shared/errors';
import type { Grade } from '../shared/grades';
import type { NoticeContext, RoundCommand } from './commands';
import type { RoundEvent } from './events';
import { requireOffice, requireRound } from './guards';
import { gradeRound, missingScores } from './scoring/round-grading';
import { openObjections, type RoundState } from './state';

type Cmd<T extends RoundCommand['type']> = Extract<RoundCommand, { type: T }>;

const roundKey = ({ bureauId, year, half, schemeVersion }: RoundState) => ({ bureauId, year, half, schemeVersion });

function noticeFor(context: NoticeContext, at: string) {
  const days = context.noticeWorkingDays;
  if (!Number.isInteger(days) || days < 1 || days > 30) throw invalid('bad_notice_days', 'a notice runs 1 to 30 working days', { field: 'noticeWorkingDays' });
  return noticePeriod(localDate(at), days, context.calendar);
}

function requireComplete(state: RoundState, memberIds?: string[]): void {
  const missing = missingScores(state, memberIds);
  if (missing.length) {
    const named = missing.map((m) => `${m.memberId} (${m.criterionIds.join(', ')})`).join('; ');
    throw invalid('scores_incomplete', `every criterion is scored before results go on notice; missing: ${named}`, { field: 'scores', missing });
  }
}

/** Every subject's points and grade go on public notice (公示) for the configured working days. */
export function decidePutOnNotice(command: Cmd<'PutResultsOnNotice'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring']);
  requireOffice(command.actor, command.context, state);
  const notice = noticeFor(command.context, command.at);
  requireComplete(state);
  const { grading } = gradeRound(state);
  return [{ type: 'ResultsPutOnNotice', data: { ...roundKey(state), notice, results: grading.results, renewal: false, by: command.actor.memberId, at: command.at } }];
}

/**
 * Rescored members go on a new notice; so does anyone whose points or grade the regrading moved
 * (the quota is round-wide). Everyone else keeps the notice they had.
 */
export function decideRenewNotice(command: Cmd<'RenewNotice'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['on-notice']);
  requireOffice(command.actor, command.context, state);
  const rescoring = Object.values(state.results).filter((r) => r.status === 'rescoring').map((r) => r.memberId).sort();
  if (!rescoring.length) throw conflict('nothing_to_renotice', 'no result is being rescored', {});
  const open = openObjections(state).filter((o) => rescoring.includes(o.memberId)).map((o) => o.objectionId);
  if (open.length) throw conflict('objections_open', `decide the open objections on the rescored members first: ${open.join(', ')}`, { objectionIds: open });
  const notice = noticeFor(command.context, command.at);
  requireComplete(state, rescoring);
  const { grading } = gradeRound(state);
  const changed = grading.results.filter((r) => {
    const before = state.results[r.memberId]!;
    return rescoring.includes(r.memberId) || before.points !== r.points || before.grade !== r.grade;
  });
  return [{ type: 'ResultsPutOnNotice', data: { ...roundKey(state), notice, results: changed, renewal: true, by: command.actor.memberId, at: command.at } }];
}

/** Results become final when every notice is over and no objection is open; then they never change. */
export function decideFinalize(command: Cmd<'FinalizeRound'>, state: RoundState): RoundEvent[] {
  if (state.status === 'final') return [];
  requireRound(state, ['on-notice']);
  if (command.actor) requireOffice(command.actor, command.context ?? { officeStaff: [] }, state);
  const results = Object.values(state.results).sort((a, b) => a.memberId.localeCompare(b.memberId));
  const rescoring = results.filter((r) => r.status === 'rescoring').map((r) => r.memberId);
  if (rescoring.length) throw conflict('rescoring_pending', `rescored results go on notice again first: ${rescoring.join(', ')}`, { memberIds: rescoring });
  const open = openObjections(state).map((o) => o.objectionId);
  if (open.length) throw conflict('objections_open', `objections are still open: ${open.join(', ')}`, { objectionIds: open });
  const today = localDate(command.at);
  const running = results.filter((r) => !isNoticeOver(r.notice, today));
  if (running.length) {
    const endsOn = running.map((r) => r.notice.endsOn).sort().at(-1)!;
    throw conflict('notice_not_over', `the notice runs until ${endsOn}`, { endsOn, memberIds: running.map((r) => r.memberId) });
  }
  const { bureauId, year, half, schemeVersion } = state;
  const gradeCounts: Partial<Record<Grade, number>> = {};
  for (const r of results) gradeCounts[r.grade] = (gradeCounts[r.grade] ?? 0) + 1;
  return [
    ...results.map((r): RoundEvent => ({
      type: 'ResultFinalized',
      data: { bureauId, year, half, memberId: r.memberId, partyStatus: state.subjects[r.memberId]!.partyStatus, points: r.points, grade: r.grade, schemeVersion, finalizedAt: command.at },
    })),
    { type: 'RoundFinalized', data: { bureauId, year, half, schemeVersion, subjects: results.length, gradeCounts, finalizedAt: command.at } },
  ];
}
