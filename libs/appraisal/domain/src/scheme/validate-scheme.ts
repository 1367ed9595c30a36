import { invalid } from '../shared/errors';
import { GRADES } from '../shared/grades';
import { hasAtMostTwoDecimals, sumPoints } from '../shared/points';
import { RATINGS } from '../shared/ratings';
import { isBlank, repeated } from '../shared/text';
import { FORMULA_CATALOGUE, isFormula } from './formula-catalogue';
import { researchBonuses, researchBonusProblems } from './research-bonus';
import { DEMOCRATIC_SOURCES, ENTERED_KINDS, type Criterion, type SchemeContent } from './types';

export interface SchemeProblem {
  field: string;
  code: string;
  message: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
const isPoints = (n: unknown): n is number => typeof n === 'number' && n > 0 && hasAtMostTwoDecimals(n);

function criterionProblems(c: Criterion, i: number): SchemeProblem[] {
  const at = `criteria/${i}`;
  const problems: SchemeProblem[] = [];
  if (!isPoints(c.maxPoints)) problems.push({ field: `${at}/maxPoints`, code: 'bad_points', message: `criterion ${c.id}: maximum points are positive, to two decimals` });
  if (c.source === 'computed') {
    if (!isFormula(c.formula)) return [...problems, { field: `${at}/formula`, code: 'unknown_formula', message: `criterion ${c.id}: no formula "${c.formula}" in the catalogue` }];
    for (const param of FORMULA_CATALOGUE[c.formula].params) {
      const value = c.params?.[param];
      if (!isPoints(value) || value > c.maxPoints) {
        problems.push({ field: `${at}/params/${param}`, code: 'bad_param', message: `criterion ${c.id}: ${c.formula} needs ${param}, positive and at most the maximum` });
      }
    }
    const extra = Object.keys(c.params ?? {}).filter((p) => !(FORMULA_CATALOGUE[c.formula].params as readonly string[]).includes(p));
    if (extra.length) problems.push({ field: `${at}/params`, code: 'unknown_param', message: `criterion ${c.id}: ${c.formula} takes no ${extra.join(', ')}` });
  } else if (c.source === 'entered') {
    if (!(ENTERED_KINDS as readonly string[]).includes(c.kind)) problems.push({ field: `${at}/kind`, code: 'unknown_kind', message: `criterion ${c.id}: unknown kind "${c.kind}"` });
    if (c.kind === 'democratic-evaluation') {
      const weights = DEMOCRATIC_SOURCES.map((s) => c.weights?.[s]);
      if (weights.some((w) => !Number.isInteger(w) || (w as number) < 0) || weights.reduce<number>((a, w) => a + (w ?? 0), 0) !== 100) {
        problems.push({ field: `${at}/weights`, code: 'bad_weights', message: `criterion ${c.id}: the weights of self, peers and masses are whole percents adding up to 100` });
      }
    }
  } else {
    problems.push({ field: `${at}/source`, code: 'unknown_source', message: `criterion ${(c as Criterion).id}: source is computed or entered` });
  }
  return problems;
}

function bandProblems(content: SchemeContent): SchemeProblem[] {
  const { bands } = content;
  if (!bands.length) return [{ field: 'bands', code: 'bands_required', message: 'a scheme has grade bands' }];
  const problems: SchemeProblem[] = [];
  const grades = bands.map((b) => b.grade);
  const order = grades.map((g) => (GRADES as readonly string[]).indexOf(g));
  if (order.some((o) => o < 0)) problems.push({ field: 'bands', code: 'unknown_grade', message: `grades are ${GRADES.join(', ')}` });
  else if (order.some((o, i) => i > 0 && o <= order[i - 1]!)) problems.push({ field: 'bands', code: 'bands_unordered', message: 'bands run from the best grade down, each grade once' });
  if (bands.some((b, i) => i > 0 && !(b.minPoints < bands[i - 1]!.minPoints))) problems.push({ field: 'bands', code: 'thresholds_unordered', message: 'thresholds fall strictly from band to band' });
  if (bands.some((b) => !(b.minPoints >= 0) || !hasAtMostTwoDecimals(b.minPoints))) problems.push({ field: 'bands', code: 'bad_threshold', message: 'thresholds are points from 0, to two decimals' });
  if (bands[bands.length - 1]!.minPoints !== 0) problems.push({ field: 'bands', code: 'lowest_band_from_zero', message: 'the lowest band starts at 0 points, so every total has a grade' });
  if (bands[0]!.minPoints > content.totalPoints) problems.push({ field: 'bands', code: 'threshold_unreachable', message: `the top band's threshold is above the ${content.totalPoints} points the criteria give` });
  if (content.vetoes.length && grades[grades.length - 1] !== 'unqualified') {
    problems.push({ field: 'vetoes', code: 'veto_needs_unqualified', message: 'a one-vote veto gives 不合格, so the lowest band must be unqualified' });
  }
  return problems;
}

function quotaProblems(content: SchemeContent, criterionIds: string[]): SchemeProblem[] {
  const quota = content.topGradeQuota;
  if (!quota) return [];
  const problems: SchemeProblem[] = [];
  if (!Number.isInteger(quota.maxPercent) || quota.maxPercent < 1 || quota.maxPercent > 99) problems.push({ field: 'topGradeQuota/maxPercent', code: 'bad_quota', message: 'the quota is a whole percent from 1 to 99' });
  const unknown = quota.tieBreakers.filter((id) => !criterionIds.includes(id));
  if (unknown.length) problems.push({ field: 'topGradeQuota/tieBreakers', code: 'unknown_criterion', message: `tie-breakers name criteria of this scheme: ${unknown.join(', ')}` });
  if (repeated(quota.tieBreakers).length) problems.push({ field: 'topGradeQuota/tieBreakers', code: 'repeated_criterion', message: 'a tie-breaker is named once' });
  if (content.bands.length < 2) problems.push({ field: 'topGradeQuota', code: 'quota_needs_two_bands', message: 'members over the quota need a next band' });
  return problems;
}

/** Every problem of a scheme's content at once, so the office can fix them together. */
export function schemeProblems(content: SchemeContent): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  if (isBlank(content.title)) problems.push({ field: 'title', code: 'title_required', message: 'a scheme has a title' });
  if (!isPoints(content.totalPoints)) problems.push({ field: 'totalPoints', code: 'bad_points', message: 'total points are positive, to two decimals' });
  if (!content.criteria.length) problems.push({ field: 'criteria', code: 'criteria_required', message: 'a scheme has criteria' });
  const ids = [...content.criteria, ...content.bonuses, ...content.deductions, ...content.vetoes].map((x) => x.id);
  const badIds = ids.filter((id) => typeof id !== 'string' || !ID.test(id));
  if (badIds.length) problems.push({ field: 'criteria', code: 'bad_id', message: `ids are lower-case letters, digits and hyphens: ${badIds.join(', ')}` });
  const twice = repeated(ids);
  if (twice.length) problems.push({ field: 'criteria', code: 'repeated_id', message: `ids are unique across criteria, bonuses, deductions and vetoes: ${twice.join(', ')}` });
  [...content.criteria, ...content.bonuses, ...content.deductions, ...content.vetoes].forEach((x) => {
    if (isBlank(x.label)) problems.push({ field: 'criteria', code: 'label_required', message: `${x.id} has a label` });
  });
  content.criteria.forEach((c, i) => problems.push(...criterionProblems(c, i)));
  const sum = sumPoints(content.criteria.map((c) => c.maxPoints ?? 0));
  if (content.criteria.length && isPoints(content.totalPoints) && sum !== content.totalPoints) {
    problems.push({ field: 'criteria', code: 'points_do_not_add_up', message: `the criteria's maxima add up to ${sum}, not ${content.totalPoints}` });
  }
  if (content.criteria.filter((c) => c.source === 'entered' && c.kind === 'democratic-evaluation').length > 1) {
    problems.push({ field: 'criteria', code: 'one_democratic_evaluation', message: 'a scheme has at most one democratic evaluation criterion' });
  }
  (['bonuses', 'deductions'] as const).forEach((list) =>
    content[list].forEach((x, i) => {
      if (!isPoints(x.cap)) problems.push({ field: `${list}/${i}/cap`, code: 'bad_cap', message: `${x.id}: the cap is positive points, to two decimals` });
    }),
  );
  content.bonuses.forEach((b, i) => problems.push(...researchBonusProblems(b, i)));
  if (researchBonuses(content.bonuses).length > 1) {
    problems.push({ field: 'bonuses', code: 'one_research_bonus', message: 'a scheme computes at most one bonus from research works (a work counts once)' });
  }
  problems.push(...bandProblems(content), ...quotaProblems(content, content.criteria.map((c) => c.id)));
  const pct = RATINGS.map((r) => content.ratingPercent?.[r]);
  if (pct.some((p) => !Number.isInteger(p) || (p as number) < 0 || (p as number) > 100) || pct.some((p, i) => i > 0 && (p as number) > (pct[i - 1] as number))) {
    problems.push({ field: 'ratingPercent', code: 'bad_rating_percent', message: 'each rating is a whole percent from 0 to 100, falling from 好 to 差' });
  }
  return problems;
}

export function validateScheme(content: SchemeContent): void {
  const problems = schemeProblems(content);
  if (problems.length) {
    throw invalid('invalid_scheme', problems.map((p) => p.message).join('; '), { field: `content/${problems[0]!.field}`, problems });
  }
}
