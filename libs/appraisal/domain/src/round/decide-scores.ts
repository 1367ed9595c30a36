import { conflict, invalid } from '../shared/errors';
import { isBlank } from '../shared/text';
import type { RoundCommand } from './commands';
import type { RoundEvent } from './events';
import { requireNotSelf, requireOffice, requirePoints, requireRound, requireScorable, requireSubject } from './guards';
import { researchBonuses } from '../scheme/research-bonus';
import { scoreComputedToStore } from './scoring/formulas';
import { scoreResearchBonus } from './scoring/research-bonus';
import { subjectIds } from './scoring/round-grading';
import type { RoundState } from './state';
import type { CriterionScore } from './types';

type Cmd<T extends RoundCommand['type']> = Extract<RoundCommand, { type: T }>;

/** Computed criteria for every subject while scoring; on notice, for the members being rescored. */
export function decideComputed(command: Cmd<'ScoreComputedCriteria'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring', 'on-notice']);
  requireOffice(command.actor, command.context, state);
  const given = Object.keys(command.context.facts).sort();
  given.forEach((memberId) => requireSubject(state, memberId, 'facts'));
  if (state.status === 'scoring') {
    const scored = new Set(given);
    const missing = subjectIds(state).filter((id) => !scored.has(id));
    if (missing.length) throw invalid('facts_missing', `facts are needed for every subject: ${missing.join(', ')}`, { field: 'facts', memberIds: missing });
  } else {
    if (!given.length) throw invalid('facts_missing', 'name the rescored members’ facts', { field: 'facts' });
    const settled = given.filter((id) => state.results[id]?.status !== 'rescoring');
    if (settled.length) throw conflict('not_rescoring', `only members whose objection was upheld are rescored: ${settled.join(', ')}`, { memberIds: settled });
  }
  const computed = state.scheme!.criteria.filter((c) => c.source === 'computed');
  const research = researchBonuses(state.scheme!.bonuses);
  if (!computed.length && !research.length) return [];
  const period = { year: state.year, half: state.half, schemeVersion: state.schemeVersion };
  const scores = given.map((memberId) => {
    const facts = command.context.facts[memberId]!;
    const criteria = computed.map((c) => scoreComputedToStore(c, facts, period));
    return research.length ? { memberId, criteria, bonuses: research.map((b) => scoreResearchBonus(b, facts.research ?? [], period)) } : { memberId, criteria };
  });
  return [{ type: 'ComputedScoresRecorded', data: { scores, by: command.actor.memberId, at: command.at } }];
}

export function decideEntered(command: Cmd<'EnterScore'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring', 'on-notice']);
  requireOffice(command.actor, command.context, state);
  requireScorable(state, command.memberId);
  requireNotSelf(command.actor, command.memberId);
  const criterion = state.scheme!.criteria.find((c) => c.id === command.criterionId);
  if (!criterion) throw invalid('unknown_criterion', `the scheme has no criterion ${command.criterionId}`, { field: 'criterionId' });
  if (criterion.source === 'computed') throw invalid('computed_criterion', `${criterion.label} is computed from events, not entered`, { field: 'criterionId' });
  if (criterion.kind === 'democratic-evaluation') throw invalid('democratic_criterion', `${criterion.label} comes from the evaluation tallies`, { field: 'criterionId' });
  requirePoints(command.points, criterion.maxPoints, 'points');
  if (isBlank(command.note)) throw invalid('note_required', 'an entered score says why (each point explains itself)', { field: 'note' });
  const score: CriterionScore = {
    criterionId: criterion.id,
    label: criterion.label,
    schemeVersion: state.schemeVersion,
    maxPoints: criterion.maxPoints,
    points: command.points,
    source: 'entered',
    rule: 'entered by the appraisal office',
    inputs: {},
    sourceEventIds: [],
    enteredBy: command.actor.memberId,
    note: command.note.trim(),
  };
  return [{ type: 'EnteredScoreRecorded', data: { memberId: command.memberId, score, by: command.actor.memberId, at: command.at } }];
}

export function decideAdjustment(command: Cmd<'AwardBonus'> | Cmd<'RecordDeduction'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring', 'on-notice']);
  requireOffice(command.actor, command.context, state);
  requireScorable(state, command.memberId);
  requireNotSelf(command.actor, command.memberId);
  const bonus = command.type === 'AwardBonus';
  const id = bonus ? command.bonusId : command.deductionId;
  const item = (bonus ? state.scheme!.bonuses : state.scheme!.deductions).find((b) => b.id === id);
  const field = bonus ? 'bonusId' : 'deductionId';
  if (!item) throw invalid(bonus ? 'unknown_bonus' : 'unknown_deduction', `the scheme has no ${bonus ? 'bonus' : 'deduction'} ${id}`, { field });
  if ('research' in item && item.research) throw invalid('computed_bonus', `${item.label} is computed from rated research works with the computed scores, not awarded by hand`, { field });
  requirePoints(command.points, item.cap, 'points');
  if (isBlank(command.reason)) throw invalid('reason_required', 'say why', { field: 'reason' });
  const data = { memberId: command.memberId, points: command.points, reason: command.reason.trim(), by: command.actor.memberId, at: command.at };
  return [bonus ? { type: 'BonusAwarded', data: { ...data, bonusId: id } } : { type: 'DeductionRecorded', data: { ...data, deductionId: id } }];
}

export function decideVeto(command: Cmd<'RecordVeto'> | Cmd<'LiftVeto'>, state: RoundState): RoundEvent[] {
  requireRound(state, ['scoring', 'on-notice']);
  requireOffice(command.actor, command.context, state);
  requireScorable(state, command.memberId);
  requireNotSelf(command.actor, command.memberId);
  const veto = state.scheme!.vetoes.find((v) => v.id === command.vetoId);
  if (!veto) throw invalid('unknown_veto', `the scheme has no veto ${command.vetoId}`, { field: 'vetoId' });
  if (isBlank(command.reason)) throw invalid('reason_required', 'say why', { field: 'reason' });
  const recorded = !!state.vetoes[command.memberId]?.[veto.id];
  const data = { memberId: command.memberId, vetoId: veto.id, reason: command.reason.trim(), by: command.actor.memberId, at: command.at };
  if (command.type === 'RecordVeto') return recorded ? [] : [{ type: 'VetoRecorded', data }];
  if (!recorded) throw conflict('not_vetoed', `${command.memberId} has no ${veto.label} veto`, { memberId: command.memberId });
  return [{ type: 'VetoLifted', data }];
}
