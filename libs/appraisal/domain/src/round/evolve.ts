import type { RoundEvent } from './events';
import { researchBonuses } from '../scheme/research-bonus';
import { explainResearchBonus, researchBonusRule, type StoredComputedBonus } from './scoring/research-bonus';
import { computedScoreExpander } from './scoring/stored-score';
import type { Adjustment, RoundState } from './state';

const setIn = <T>(outer: Record<string, Record<string, T>>, memberId: string, id: string, value: T | undefined): Record<string, Record<string, T>> => {
  const inner = { ...(outer[memberId] ?? {}) };
  if (value === undefined) delete inner[id];
  else inner[id] = value;
  return { ...outer, [memberId]: inner };
};

const adjustment = (points: number, reason: string, by: string): Adjustment | undefined => (points === 0 ? undefined : { points, reason, by });

/** A computed research bonus as a bonus line: its explanation in words, what it counted, the events it came from. */
function computedBonus(state: RoundState, stored: StoredComputedBonus, by: string): Adjustment | undefined {
  const bonus = researchBonuses(state.scheme?.bonuses ?? []).find((b) => b.id === stored.bonusId);
  if (!bonus || stored.points === 0) return undefined;
  return { points: stored.points, reason: explainResearchBonus(bonus, stored), by, computed: { rule: researchBonusRule(bonus), inputs: stored.inputs, sourceEventIds: stored.sourceEventIds } };
}

export function evolveRound(state: RoundState, event: RoundEvent): RoundState {
  switch (event.type) {
    case 'RoundOpened': {
      const { bureauId, year, half, schemeVersion, scheme, subjects, at } = event.data;
      return { ...state, status: 'scoring', bureauId, year, half, schemeVersion, scheme, subjects: Object.fromEntries(subjects.map((s) => [s.memberId, s])), openedAt: at };
    }
    case 'ComputedScoresRecorded': {
      const computed = { ...state.computed };
      const expand = computedScoreExpander(state.scheme, state.schemeVersion);
      let bonuses = state.bonuses;
      for (const { memberId, criteria, bonuses: computedBonuses } of event.data.scores) {
        computed[memberId] = Object.fromEntries(criteria.map((c) => [c.criterionId, expand(c)]));
        for (const stored of computedBonuses ?? []) bonuses = setIn(bonuses, memberId, stored.bonusId, computedBonus(state, stored, event.data.by));
      }
      return { ...state, computed, bonuses };
    }
    case 'EnteredScoreRecorded':
      return { ...state, entered: setIn(state.entered, event.data.memberId, event.data.score.criterionId, event.data.score) };
    case 'SelfAssessmentRecorded':
      return { ...state, self: { ...state.self, [event.data.memberId]: event.data.rating }, selfAt: { ...state.selfAt, [event.data.memberId]: event.data.at } };
    case 'PeerTallyRecorded': {
      const peers = { ...state.peers };
      for (const t of event.data.tallies) peers[t.memberId] = t.counts;
      return { ...state, peers, peerGroups: [...state.peerGroups, event.data.groupId] };
    }
    case 'MassesTallyRecorded':
      return { ...state, masses: Object.fromEntries(event.data.tallies.map((t) => [t.memberId, t.counts])), massBallots: event.data.ballots };
    case 'BonusAwarded': {
      const { memberId, bonusId, points, reason, by } = event.data;
      return { ...state, bonuses: setIn(state.bonuses, memberId, bonusId, adjustment(points, reason, by)) };
    }
    case 'DeductionRecorded': {
      const { memberId, deductionId, points, reason, by } = event.data;
      return { ...state, deductions: setIn(state.deductions, memberId, deductionId, adjustment(points, reason, by)) };
    }
    case 'VetoRecorded':
      return { ...state, vetoes: setIn(state.vetoes, event.data.memberId, event.data.vetoId, { reason: event.data.reason, by: event.data.by }) };
    case 'VetoLifted':
      return { ...state, vetoes: setIn(state.vetoes, event.data.memberId, event.data.vetoId, undefined) };
    case 'ResultsPutOnNotice': {
      const results = { ...state.results };
      for (const r of event.data.results) {
        results[r.memberId] = { ...r, status: 'on-notice', notice: event.data.notice, noticeNo: (state.results[r.memberId]?.noticeNo ?? 0) + 1 };
      }
      return { ...state, status: 'on-notice', results };
    }
    case 'ObjectionRaised': {
      const { objectionId, memberId, raisedAt, restricted } = event.data;
      return { ...state, objections: { ...state.objections, [objectionId]: { objectionId, memberId, raisedAt, objectorId: restricted.objectorId, text: restricted.text, status: 'open' } } };
    }
    case 'ObjectionDismissed':
    case 'ObjectionUpheld': {
      const { objectionId, memberId, reason, by, at } = event.data;
      const objection = { ...state.objections[objectionId]!, status: event.type === 'ObjectionUpheld' ? ('upheld' as const) : ('dismissed' as const), decision: { reason, by, at } };
      const results = event.type === 'ObjectionUpheld' ? { ...state.results, [memberId]: { ...state.results[memberId]!, status: 'rescoring' as const } } : state.results;
      return { ...state, objections: { ...state.objections, [objectionId]: objection }, results };
    }
    case 'ResultFinalized':
      return { ...state, results: { ...state.results, [event.data.memberId]: { ...state.results[event.data.memberId]!, status: 'final' } } };
    case 'RoundFinalized':
      return { ...state, status: 'final', finalizedAt: event.data.finalizedAt };
  }
}
