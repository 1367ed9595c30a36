// Framework-free helpers of the scheme editor: the content a new scheme starts from, the form's
// values turned into the request body the appraisal service takes, and the sums the office checks.
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

/**
 * A bonus computed from rated research works (ADR 0087). The editor has no fields for it yet; it
 * keeps the rule of a scheme drafted through the API, so saving the scheme does not turn the bonus
 * into one awarded by hand.
 */
export type ResearchBonusRule = NonNullable<NonNullable<SchemeContent['bonuses']>[number]['research']>;

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
  bonuses?: Array<{ id?: string; label?: string; cap?: number | null; research?: ResearchBonusRule }>;
  deductions?: Array<{ id?: string; label?: string; cap?: number | null }>;
  vetoes?: Array<{ id?: string; label?: string }>;
  bands?: Array<{ grade?: string; minPoints?: number | null }>;
  topGradeQuota?: { maxPercent?: number | null; tieBreakers?: string[] };
  ratingPercent?: Partial<Record<'good' | 'fair' | 'average' | 'poor', number | null>>;
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: string | undefined) => (v ?? '').trim();

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
    bonuses: (values.bonuses ?? []).map((b) => ({ id: str(b.id), label: str(b.label), cap: num(b.cap), ...(b.research ? { research: b.research } : {}) })),
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
