import type { RoundEvent } from './events';
import { computedScoreExpander } from './scoring/stored-score';
import type { Adjustment, RoundState } from './state';

const setIn = <T>(outer: Record<string, Record<string, T>>, memberId: string, id: string, value: T | undefined): Record<string, Record<string, T>> => {
  const inner = { ...(outer[memberId] ?? {}) };
  if (value === undefined) delete inner[id];
  else inner[id] = value;
  return { ...outer, [memberId]: inner };
};

const adjustment = (points: number, reason: string, by: string): Adjustment | undefined => (points === 0 ? undefined : { points, reason, by });

export function evolveRound(state: RoundState, event: RoundEvent): RoundState {
  switch (event.type) {
    case 'RoundOpened': {
      const { bureauId, year, half, schemeVersion, scheme, subjects, at } = event.data;
      return { ...state, status: 'scoring', bureauId, year, half, schemeVersion, scheme, subjects: Object.fromEntries(subjects.map((s) => [s.memberId, s])), openedAt: at };
    }
    case 'ComputedScoresRecorded': {
      const computed = { ...state.computed };
      const expand = computedScoreExpander(state.scheme, state.schemeVersion);
      for (const { memberId, criteria } of event.data.scores) computed[memberId] = Object.fromEntries(criteria.map((c) => [c.criterionId, expand(c)]));
      return { ...state, computed };
    }
    case 'EnteredScoreRecorded':
      return { ...state, entered: setIn(state.entered, event.data.memberId, event.data.score.criterionId, event.data.score) };
    case 'SelfAssessmentRecorded':
      return { ...state, self: { ...state.self, [event.data.memberId]: event.data.rating } };
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
