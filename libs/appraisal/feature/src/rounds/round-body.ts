import { GRADE_LABELS, missingScores, openObjections, type Grade, type RoundState } from '@pledgebook/appraisal-domain';

/**
 * A round as the API shows it: its state and progress, never an objector or an objection's text
 * (those are for the office's objection list only), never a single ballot.
 */
export function roundBody(state: RoundState, revision: number, options: { office: boolean }) {
  const results = Object.values(state.results);
  const byStatus = (s: string) => results.filter((r) => r.status === s).length;
  const gradeCounts: Partial<Record<Grade, number>> = {};
  for (const r of results) gradeCounts[r.grade] = (gradeCounts[r.grade] ?? 0) + 1;
  const notices = results.map((r) => r.notice);
  return {
    bureauId: state.bureauId,
    year: state.year,
    half: state.half,
    schemeVersion: state.schemeVersion,
    status: state.status,
    openedAt: state.openedAt,
    subjects: Object.values(state.subjects).map((s) => ({ memberId: s.memberId, partyStatus: s.partyStatus, ...(s.branchId ? { branchId: s.branchId } : {}), ...(s.groupId ? { groupId: s.groupId } : {}) })),
    scoring: {
      computed: Object.keys(state.computed).length,
      selfAssessments: Object.keys(state.self).length,
      peerGroups: state.peerGroups,
      massesCounted: state.massBallots !== undefined,
      ...(options.office ? { missing: state.status === 'none' ? [] : missingScores(state) } : {}),
    },
    results: {
      onNotice: byStatus('on-notice'),
      rescoring: byStatus('rescoring'),
      final: byStatus('final'),
      byGrade: Object.fromEntries(Object.entries(gradeCounts).map(([g, n]) => [g, { label: GRADE_LABELS[g as Grade], count: n }])),
    },
    notice: notices.length ? { startsOn: notices.map((n) => n.startsOn).sort()[0], endsOn: notices.map((n) => n.endsOn).sort().at(-1) } : undefined,
    openObjections: openObjections(state).length,
    ...(state.finalizedAt ? { finalizedAt: state.finalizedAt } : {}),
    revision,
  };
}
