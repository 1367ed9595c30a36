// Framework-free helpers of the scheme editor: the content a new scheme starts from, the form's
// values turned into the request body the appraisal service takes, and the sums the office checks.
import { ApiProblem, fieldPath } from '../../api/problem';
import type { Criterion, Grade, SchemeContent } from './types';

export const FORMULAS = ['items-fulfilled-ratio', 'monthly-checks-on-track-ratio', 'deeds-recorded-count', 'reminder-talks-deduction'] as const;
export const ENTERED_KINDS = ['group-evaluation', 'distinctiveness', 'democratic-evaluation'] as const;
export const GRADES: readonly Grade[] = ['excellent', 'qualified', 'basically-qualified', 'unqualified'];

/** The parameter a formula takes, if any (points per deed, points off per talk). */
export function formulaParam(formula: string | undefined): 'pointsPerDeed' | 'pointsPerTalk' | undefined {
  if (formula === 'deeds-recorded-count') return 'pointsPerDeed';
  if (formula === 'reminder-talks-deduction') return 'pointsPerTalk';
  return undefined;
}

/** A new scheme: the conventional one a bureau adapts (优秀 90 / 合格 75 / 基本合格 60 / 不合格). */
export function newSchemeContent(): SchemeContent {
  return {
    title: '共产党员目标承诺考核办法（半年考核）',
    totalPoints: 100,
    criteria: [
      { id: 'items', label: '承诺事项完成情况', maxPoints: 30, source: 'computed', formula: 'items-fulfilled-ratio' },
      { id: 'checks', label: '月度检查进度', maxPoints: 15, source: 'computed', formula: 'monthly-checks-on-track-ratio' },
      { id: 'deeds', label: '实事承诺兑现', maxPoints: 10, source: 'computed', formula: 'deeds-recorded-count', params: { pointsPerDeed: 5 } },
      { id: 'talks', label: '谈话提醒', maxPoints: 5, source: 'computed', formula: 'reminder-talks-deduction', params: { pointsPerTalk: 2.5 } },
      { id: 'group', label: '组织评价', maxPoints: 15, source: 'entered', kind: 'group-evaluation' },
      { id: 'democratic', label: '民主测评', maxPoints: 20, source: 'entered', kind: 'democratic-evaluation', weights: { self: 10, peers: 40, masses: 50 } },
      { id: 'distinct', label: '有特色', maxPoints: 5, source: 'entered', kind: 'distinctiveness' },
    ],
    bonuses: [{ id: 'research-award', label: '统计信息、分析调研获奖', cap: 5 }],
    deductions: [{ id: 'work-discipline', label: '违反工作纪律', cap: 10 }],
    vetoes: [{ id: 'discipline-case', label: '受到党纪政纪处分' }],
    bands: [
      { grade: 'excellent', minPoints: 90 },
      { grade: 'qualified', minPoints: 75 },
      { grade: 'basically-qualified', minPoints: 60 },
      { grade: 'unqualified', minPoints: 0 },
    ],
    topGradeQuota: { maxPercent: 20, tieBreakers: ['democratic', 'items'] },
    ratingPercent: { good: 100, fair: 80, average: 60, poor: 0 },
  };
}

/** A bonus computed from rated research works (ADR 0087): per work, per yuan or by the research scheme's points. */
export type ResearchBonusRule = NonNullable<NonNullable<SchemeContent['bonuses']>[number]['research']>;

/** How a bonus is counted in the editor: awarded by hand (no rule) or by one of the research rule's bases. */
export const RESEARCH_MODES = ['manual', 'work', 'yuan', 'reward-points'] as const;
export type ResearchMode = (typeof RESEARCH_MODES)[number];

/** A bonus's research rule while it is being typed; `per: 'manual'` (or none) is a bonus awarded by hand. */
export interface ResearchValues {
  per?: ResearchMode;
  pointsPerWork?: number | null;
  levels?: Array<{ categoryId?: string; levelId?: string; points?: number | null }>;
  pointsPerYuan?: number | null;
}

export interface BonusValues {
  id?: string;
  label?: string;
  cap?: number | null;
  research?: ResearchValues;
}

/** What the form holds: the content with every field optional while it is being typed. */
export interface CriterionValues {
  id?: string;
  label?: string;
  maxPoints?: number | null;
  source?: 'computed' | 'entered';
  formula?: string;
  kind?: string;
  params?: { pointsPerDeed?: number | null; pointsPerTalk?: number | null };
  weights?: { self?: number | null; peers?: number | null; masses?: number | null };
}

export interface SchemeValues {
  title?: string;
  totalPoints?: number | null;
  criteria?: CriterionValues[];
  bonuses?: BonusValues[];
  deductions?: Array<{ id?: string; label?: string; cap?: number | null }>;
  vetoes?: Array<{ id?: string; label?: string }>;
  bands?: Array<{ grade?: string; minPoints?: number | null }>;
  topGradeQuota?: { maxPercent?: number | null; tieBreakers?: string[] };
  ratingPercent?: Partial<Record<'good' | 'fair' | 'average' | 'poor', number | null>>;
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: string | undefined) => (v ?? '').trim();

/**
 * The rule the request carries for a bonus: none when it is awarded by hand, else only the settings
 * its basis takes (the service refuses the others). A blank default per work is left out (only the
 * categories and levels named count); a level left blank names the whole category.
 */
export function toResearchRule(r: ResearchValues | undefined): ResearchBonusRule | undefined {
  if (!r?.per || r.per === 'manual') return undefined;
  if (r.per === 'yuan') return { per: 'yuan', pointsPerYuan: num(r.pointsPerYuan) };
  if (r.per === 'reward-points') return { per: 'reward-points' };
  const levels = (r.levels ?? []).map((l) => ({ categoryId: str(l.categoryId), ...(str(l.levelId) ? { levelId: str(l.levelId) } : {}), points: num(l.points) }));
  return { per: 'work', ...(typeof r.pointsPerWork === 'number' ? { pointsPerWork: r.pointsPerWork } : {}), ...(levels.length ? { levels } : {}) };
}

/** A saved bonus's rule as the form shows it: a bonus without one is awarded by hand. */
export function toResearchValues(rule: ResearchBonusRule | undefined): ResearchValues {
  if (!rule) return { per: 'manual' };
  return { ...rule, ...(rule.levels ? { levels: rule.levels.map((l) => ({ ...l })) } : {}) };
}

/** The form's starting values from a saved scheme (each bonus with its counting mode). */
export function toSchemeValues(content: SchemeContent): SchemeValues {
  return { ...content, bonuses: (content.bonuses ?? []).map((b) => ({ id: b.id, label: b.label, cap: b.cap, research: toResearchValues(b.research) })) };
}

function criterion(c: CriterionValues): Criterion {
  const base = { id: str(c.id), label: str(c.label), maxPoints: num(c.maxPoints) };
  if (c.source === 'entered') {
    const kind = (c.kind ?? 'group-evaluation') as Extract<Criterion, { source: 'entered' }>['kind'];
    const weights = kind === 'democratic-evaluation' ? { weights: { self: num(c.weights?.self), peers: num(c.weights?.peers), masses: num(c.weights?.masses) } } : {};
    return { ...base, source: 'entered', kind, ...weights };
  }
  const formula = (c.formula ?? 'items-fulfilled-ratio') as Extract<Criterion, { source: 'computed' }>['formula'];
  const param = formulaParam(formula);
  return { ...base, source: 'computed', formula, ...(param ? { params: { [param]: num(c.params?.[param]) } } : {}) };
}

/**
 * The request body's content from the form: only the fields a criterion's source and formula take
 * (the service refuses others), lists that may be empty as empty lists, and no quota when its
 * percentage is left blank.
 */
export function toSchemeContent(values: SchemeValues): SchemeContent {
  const quota = values.topGradeQuota;
  return {
    title: str(values.title),
    totalPoints: num(values.totalPoints),
    criteria: (values.criteria ?? []).map(criterion),
    bonuses: (values.bonuses ?? []).map((b) => {
      const research = toResearchRule(b.research);
      return { id: str(b.id), label: str(b.label), cap: num(b.cap), ...(research ? { research } : {}) };
    }),
    deductions: (values.deductions ?? []).map((d) => ({ id: str(d.id), label: str(d.label), cap: num(d.cap) })),
    vetoes: (values.vetoes ?? []).map((v) => ({ id: str(v.id), label: str(v.label) })),
    bands: (values.bands ?? []).map((b) => ({ grade: (b.grade ?? 'unqualified') as Grade, minPoints: num(b.minPoints) })),
    ...(quota && typeof quota.maxPercent === 'number' ? { topGradeQuota: { maxPercent: quota.maxPercent, tieBreakers: quota.tieBreakers ?? [] } } : {}),
    ratingPercent: { good: num(values.ratingPercent?.good), fair: num(values.ratingPercent?.fair), average: num(values.ratingPercent?.average), poor: num(values.ratingPercent?.poor) },
  };
}

/** The criteria's maxima added up, to two decimals (they must make the scheme's total). */
export function criteriaTotal(criteria: ReadonlyArray<{ maxPoints?: number | null }> | undefined): number {
  return Math.round((criteria ?? []).reduce((sum, c) => sum + num(c.maxPoints), 0) * 100) / 100;
}

/** The criteria the office scores by hand, one by one (the democratic evaluation comes from its ballots). */
export function scoredByHand(content: SchemeContent | undefined): Array<{ id: string; label: string; maxPoints: number }> {
  return (content?.criteria ?? []).filter((c) => c.source === 'entered' && c.kind !== 'democratic-evaluation').map(({ id, label, maxPoints }) => ({ id, label, maxPoints }));
}

/**
 * Each problem of a scheme the service refused (422 `invalid_scheme` lists them all in `problems`,
 * the problem document's `errors` only the first) as a field error of the form, so every one shows
 * beside its field (`bonuses/0/research/pointsPerYuan` → `content.bonuses[0].research.pointsPerYuan`).
 */
export function schemeProblemFields(error: unknown): Array<{ name: (string | number)[]; errors: string[] }> {
  if (!(error instanceof ApiProblem) || !Array.isArray(error.problem.problems)) return [];
  const byField = new Map<string, string[]>();
  for (const p of error.problem.problems as unknown[]) {
    const { field, message } = (p ?? {}) as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || typeof message !== 'string' || field === '') continue;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return [...byField].map(([field, errors]) => ({ name: ['content', ...fieldPath(field)], errors }));
}
