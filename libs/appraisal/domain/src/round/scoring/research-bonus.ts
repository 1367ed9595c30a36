import { firstDayOfHalf, lastDayOfHalf } from '../../shared/dates';
import { roundPoints, sumPoints } from '../../shared/points';
import { RESEARCH_BONUS_RULE_TEXT, type BonusItem, type ResearchBonusRule } from '../../scheme/research-bonus';
import type { ResearchWorkFact } from './facts';
import type { ScoringPeriod } from './formulas';

type ResearchBonus = BonusItem & { research: ResearchBonusRule };

/** A computed bonus as `ComputedScoresRecorded` stores it: the points, the inputs and the events they came from. */
export interface StoredComputedBonus {
  bonusId: string;
  points: number;
  inputs: Record<string, number>;
  sourceEventIds: string[];
}

/** The points one work is worth under a per-work rule: its level's entry, else its category's, else points per work. */
function pointsOfWork(rule: ResearchBonusRule, work: ResearchWorkFact): number {
  const levels = rule.levels ?? [];
  const entry = levels.find((l) => l.categoryId === work.categoryId && l.levelId === work.levelId) ?? levels.find((l) => l.categoryId === work.categoryId && l.levelId === undefined);
  return entry ? entry.points : (rule.pointsPerWork ?? 0);
}

/**
 * A research bonus from the member's rated works: the works rated within the round's half (the
 * rating's bureau date, first to last day of the half inclusive), each work once, none whose grant
 * to the member was revoked; the sum capped by the bonus's cap.
 */
export function scoreResearchBonus(bonus: ResearchBonus, works: readonly ResearchWorkFact[], period: Pick<ScoringPeriod, 'year' | 'half'>): StoredComputedBonus {
  const from = firstDayOfHalf(period.year, period.half);
  const to = lastDayOfHalf(period.year, period.half);
  const inHalf = new Map<string, ResearchWorkFact>();
  for (const w of works) if (w.ratedOn >= from && w.ratedOn <= to && !inHalf.has(w.workId)) inHalf.set(w.workId, w);
  const all = [...inHalf.values()];
  const counted = all.filter((w) => !w.revoked);
  const rule = bonus.research;
  let uncapped: number;
  let scoring: ResearchWorkFact[];
  const extra: Record<string, number> = {};
  if (rule.per === 'yuan') {
    scoring = counted.filter((w) => w.shareFen > 0);
    const fen = counted.reduce((sum, w) => sum + w.shareFen, 0);
    uncapped = roundPoints((fen * rule.pointsPerYuan!) / 100);
    extra.shareFen = fen;
  } else {
    const worth = counted.map((w) => ({ w, points: rule.per === 'work' ? pointsOfWork(rule, w) : (w.bonusPoints ?? 0) }));
    scoring = worth.filter((x) => x.points > 0).map((x) => x.w);
    uncapped = sumPoints(worth.map((x) => x.points));
  }
  return {
    bonusId: bonus.id,
    points: roundPoints(Math.min(bonus.cap, uncapped)),
    inputs: { works: counted.length, scoring: scoring.length, revoked: all.length - counted.length, uncapped, ...extra },
    sourceEventIds: scoring.map((w) => w.eventId),
  };
}

const yuan = (fen: number) => String(Math.round(fen) / 100);

/** The explanation line shown with the bonus, e.g. "2 项调研成果被采用（每项 1.5 分），+3 分". */
export function explainResearchBonus(bonus: ResearchBonus, stored: Pick<StoredComputedBonus, 'points' | 'inputs'>): string {
  const { research: rule, cap } = bonus;
  const { scoring = 0, revoked = 0, uncapped = 0, shareFen = 0 } = stored.inputs;
  const how =
    rule.per === 'yuan'
      ? `调研成果奖励 ${yuan(shareFen)} 元（每元 ${rule.pointsPerYuan} 分）`
      : rule.per === 'reward-points'
        ? `${scoring} 项调研成果被采用（按调研奖励办法的加分）`
        : `${scoring} 项调研成果被采用（${rule.levels?.length ? '按类别和等次计分' : `每项 ${rule.pointsPerWork ?? 0} 分`}）`;
  const capped = uncapped > cap ? `（合计 ${uncapped} 分，上限 ${cap} 分）` : '';
  const dropped = revoked ? `；${revoked} 项奖励已撤销，不计` : '';
  return `${how}，+${stored.points} 分${capped}${dropped}`;
}

export const researchBonusRule = (bonus: ResearchBonus): string => RESEARCH_BONUS_RULE_TEXT[bonus.research.per];
