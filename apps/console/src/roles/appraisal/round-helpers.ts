// Framework-free helpers of the round pages: which halves may open, what is still to score, and
// the lines of a member's explained score.
import type { Translate } from '../../i18n/i18n';
import { criterionRule, inputsText } from './explanation-text';
import type { Explanation, Half } from './types';

/** The halves whose round may open on `today` (a bureau date): from the first day of the half's last month. */
export function openableHalves(year: number, today: string): Half[] {
  const halves: Half[] = [];
  if (today >= `${year}-06-01`) halves.push('H1');
  if (today >= `${year}-12-01`) halves.push('H2');
  return halves;
}

/** Whether this member still lacks a score for this criterion. */
export function isMissing(missing: ReadonlyArray<{ memberId: string; criterionIds: string[] }> | undefined, memberId: string, criterionId: string): boolean {
  return !!missing?.some((m) => m.memberId === memberId && m.criterionIds.includes(criterionId));
}

export interface ExplanationLine {
  key: string;
  kind: 'criterion' | 'bonus' | 'deduction' | 'veto';
  label: string;
  /** Signed: deductions count against the total. */
  points: number;
  max?: number;
  /** The formula's name for computed criteria (shown in words beside the rule). */
  formula?: string;
  /** In the reader's language where the rule is a fixed one (explanation-text.ts); reasons as written. */
  rule: string;
  inputs: string;
  sources: string[];
}

/** Every point of a member's score as one line, in the reader's language: the criteria, then bonuses, deductions and vetoes. */
export function explanationLines(explanation: Explanation, t: Translate): ExplanationLine[] {
  const { sheet } = explanation;
  return [
    ...sheet.criteria.map((c) => ({
      key: `c-${c.criterionId}`,
      kind: 'criterion' as const,
      label: c.label,
      points: c.points,
      max: c.maxPoints,
      ...(c.formula ? { formula: c.formula } : {}),
      rule: criterionRule(c, t),
      inputs: [inputsText(c.inputs, t), c.note].filter(Boolean).join(' · '),
      sources: c.sourceEventIds,
    })),
    ...sheet.bonuses.map((b) => ({ key: `b-${b.id}`, kind: 'bonus' as const, label: b.label, points: b.points, max: b.cap, rule: b.reason, inputs: '', sources: [] })),
    ...sheet.deductions.map((d) => ({ key: `d-${d.id}`, kind: 'deduction' as const, label: d.label, points: -d.points, max: d.cap, rule: d.reason, inputs: '', sources: [] })),
    ...sheet.vetoes.map((v) => ({ key: `v-${v.id}`, kind: 'veto' as const, label: v.label, points: 0, rule: v.reason, inputs: '', sources: [] })),
  ];
}

/** Points as the notice prints them: up to two decimals, no trailing zeros. */
export function formatPoints(points: number | undefined): string {
  if (points === undefined) return '—';
  return String(Math.round(points * 100) / 100);
}

/** The months of a year up to `today`'s month (a group leader records checks for months begun). */
export function monthsUpTo(year: number, today: string): string[] {
  const months: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (month <= today.slice(0, 7)) months.push(month);
  }
  return months;
}

/** The quarter a bureau date falls in. */
export function quarterOf(date: string): 1 | 2 | 3 | 4 {
  return (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}
