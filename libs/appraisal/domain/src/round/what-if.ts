import type { SchemeContent } from '../scheme/types';
import type { SubjectFacts } from './scoring/facts';
import { scoreComputed } from './scoring/formulas';
import type { QuotaOutcome } from './scoring/grading';
import { gradeSheets, subjectIds } from './scoring/round-grading';
import { buildScoreSheet, type ScoreSheet } from './scoring/score-sheet';
import type { RoundState } from './state';
import type { GradedResult } from './types';

export interface WhatIfInput {
  round: RoundState;
  scheme: { version: number; content: SchemeContent };
  /** The subjects' facts, as for ScoreComputedCriteria. */
  facts: Record<string, SubjectFacts>;
}

export interface WhatIfResult {
  schemeVersion: number;
  results: Array<GradedResult & { sheet: ScoreSheet }>;
  quota?: QuotaOutcome;
  /** Subjects without facts: their computed criteria are listed as missing in their sheets. */
  missingFacts: string[];
}

/**
 * The round re-run under another scheme version: computed criteria from the facts under its
 * formulas, entered scores, tallies, bonuses, deductions and vetoes carried over by id (capped at
 * the other scheme's maxima; what it does not name is left out). A pure function: it returns a
 * result and never emits an event, so the official round is untouched.
 */
export function whatIf({ round, scheme, facts }: WhatIfInput): WhatIfResult {
  const period = { year: round.year, half: round.half, schemeVersion: scheme.version };
  const computedCriteria = scheme.content.criteria.filter((c) => c.source === 'computed');
  const ids = subjectIds(round);
  const sheets = new Map(
    ids.map((memberId) => {
      const memberFacts = facts[memberId];
      const computed = memberFacts ? Object.fromEntries(computedCriteria.map((c) => [c.id, scoreComputed(c, memberFacts, period)])) : {};
      const entered = Object.fromEntries(Object.entries(round.entered[memberId] ?? {}).map(([id, s]) => [id, { ...s, schemeVersion: scheme.version }]));
      const sheet = buildScoreSheet({
        scheme: scheme.content,
        schemeVersion: scheme.version,
        computed,
        entered,
        tallies: { self: round.self[memberId], peers: round.peers[memberId], masses: round.masses[memberId] },
        bonuses: round.bonuses[memberId] ?? {},
        deductions: round.deductions[memberId] ?? {},
        vetoes: round.vetoes[memberId] ?? {},
      });
      return [memberId, sheet] as const;
    }),
  );
  const grading = gradeSheets(sheets, scheme.content);
  return {
    schemeVersion: scheme.version,
    results: grading.results.map((r) => ({ ...r, sheet: sheets.get(r.memberId)! })),
    ...(grading.quota ? { quota: grading.quota } : {}),
    missingFacts: ids.filter((id) => !facts[id]),
  };
}
