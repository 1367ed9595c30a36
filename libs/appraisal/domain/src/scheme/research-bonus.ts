import { hasAtMostTwoDecimals } from '../shared/points';
import type { SchemeProblem } from './validate-scheme';

/**
 * How a bonus is computed from the member's research works the reward service rated (ADR 0087):
 * - `work`: points for each work, by its category and level (`levels`), `pointsPerWork` for any
 *   other work (0 or absent: only the works `levels` names count);
 * - `yuan`: points for each yuan of the member's share of the works' amounts;
 * - `reward-points`: the points the research reward scheme gave the work's level (its
 *   `appraisalBonusPoints`), each author getting them whole.
 * Whatever the sum, the bonus gives at most its cap.
 */
export const RESEARCH_BONUS_BASES = ['work', 'yuan', 'reward-points'] as const;
export type ResearchBonusBasis = (typeof RESEARCH_BONUS_BASES)[number];

export interface ResearchLevelPoints {
  categoryId: string;
  /** Without it, every level of the category (an entry naming the level wins). */
  levelId?: string;
  points: number;
}

export interface ResearchBonusRule {
  per: ResearchBonusBasis;
  pointsPerWork?: number;
  levels?: ResearchLevelPoints[];
  pointsPerYuan?: number;
}

/** A bonus (加分) the office awards up to its cap, or one computed from rated research works. */
export interface BonusItem {
  id: string;
  label: string;
  cap: number;
  research?: ResearchBonusRule;
}

export const RESEARCH_BONUS_RULE_TEXT: Record<ResearchBonusBasis, string> = {
  work: 'min(cap, Σ points of each research work of the member rated in the half, by its category and level); a work whose grant to the member was revoked does not count',
  yuan: 'min(cap, yuan of the member’s shares of the research works rated in the half × points per yuan); a revoked share does not count',
  'reward-points': 'min(cap, Σ bonus points the research reward scheme gave each work of the member rated in the half); a work whose grant to the member was revoked does not count',
};

const CATALOGUE_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
const isPointsFrom0 = (n: unknown): n is number => typeof n === 'number' && n >= 0 && hasAtMostTwoDecimals(n);
/** Points per yuan may be small (1 point per 500 yuan is 0.002): up to four decimals. */
const isPerYuan = (n: unknown): n is number => typeof n === 'number' && n > 0 && Number.isFinite(n) && Math.abs(n * 10_000 - Math.round(n * 10_000)) < 1e-6;

function levelProblems(levels: readonly ResearchLevelPoints[], cap: number, at: string): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const seen = new Set<string>();
  levels.forEach((l, i) => {
    const where = `${at}/levels/${i}`;
    if (typeof l.categoryId !== 'string' || !CATALOGUE_ID.test(l.categoryId)) problems.push({ field: `${where}/categoryId`, code: 'bad_research_category', message: 'a research category id is lower-case letters, digits and -' });
    if (l.levelId !== undefined && (typeof l.levelId !== 'string' || !CATALOGUE_ID.test(l.levelId))) problems.push({ field: `${where}/levelId`, code: 'bad_research_level', message: 'a research level id is lower-case letters, digits and -' });
    if (!isPointsFrom0(l.points) || l.points > cap) problems.push({ field: `${where}/points`, code: 'bad_research_points', message: 'points of a work are from 0 to the cap, to two decimals' });
    const key = `${l.categoryId}|${l.levelId ?? ''}`;
    if (seen.has(key)) problems.push({ field: `${where}`, code: 'repeated_research_level', message: `${l.categoryId}${l.levelId ? `/${l.levelId}` : ''} is named twice` });
    seen.add(key);
  });
  return problems;
}

/** What is wrong with a bonus's research rule (nothing for a bonus awarded by hand). */
export function researchBonusProblems(bonus: BonusItem, index: number): SchemeProblem[] {
  const rule = bonus.research;
  if (rule === undefined) return [];
  const at = `bonuses/${index}/research`;
  if (!(RESEARCH_BONUS_BASES as readonly string[]).includes(rule?.per)) {
    return [{ field: `${at}/per`, code: 'unknown_research_basis', message: `${bonus.id}: a research bonus counts per ${RESEARCH_BONUS_BASES.join(', ')}` }];
  }
  const problems: SchemeProblem[] = [];
  const notFor = (field: keyof ResearchBonusRule) => {
    if (rule[field] !== undefined) problems.push({ field: `${at}/${field}`, code: 'research_field_not_used', message: `${bonus.id}: ${field} does not go with a bonus counted per ${rule.per}` });
  };
  const cap = typeof bonus.cap === 'number' ? bonus.cap : 0;
  if (rule.per === 'work') {
    notFor('pointsPerYuan');
    if (rule.pointsPerWork !== undefined && (!isPointsFrom0(rule.pointsPerWork) || rule.pointsPerWork > cap)) {
      problems.push({ field: `${at}/pointsPerWork`, code: 'bad_research_points', message: `${bonus.id}: points per work are from 0 to the cap, to two decimals` });
    }
    const levels = rule.levels ?? [];
    problems.push(...levelProblems(levels, cap, at));
    if (!problems.length && !((rule.pointsPerWork ?? 0) > 0) && !levels.some((l) => l.points > 0)) {
      problems.push({ field: `${at}/pointsPerWork`, code: 'research_bonus_counts_nothing', message: `${bonus.id}: give points per work, or points to some category or level` });
    }
  } else if (rule.per === 'yuan') {
    notFor('pointsPerWork');
    notFor('levels');
    if (!isPerYuan(rule.pointsPerYuan) || rule.pointsPerYuan > cap) problems.push({ field: `${at}/pointsPerYuan`, code: 'bad_points_per_yuan', message: `${bonus.id}: points per yuan are positive, up to the cap, to four decimals` });
  } else {
    notFor('pointsPerWork');
    notFor('levels');
    notFor('pointsPerYuan');
  }
  return problems;
}

/** The bonuses computed from research works (the rest are awarded by hand). */
export const researchBonuses = (bonuses: readonly BonusItem[]): Array<BonusItem & { research: ResearchBonusRule }> => bonuses.filter((b): b is BonusItem & { research: ResearchBonusRule } => b.research !== undefined);
