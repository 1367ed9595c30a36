import type { Grade } from '../shared/grades';
import type { Rating } from '../shared/ratings';
import type { FormulaName, FormulaParams } from './formula-catalogue';
import type { BonusItem } from './research-bonus';

/** Criteria entered by the appraisal office rather than computed from events. */
export const ENTERED_KINDS = ['group-evaluation', 'distinctiveness', 'democratic-evaluation'] as const;
export type EnteredKind = (typeof ENTERED_KINDS)[number];
export const ENTERED_KIND_LABELS: Record<EnteredKind, string> = { 'group-evaluation': '组织评价', distinctiveness: '有特色', 'democratic-evaluation': '民主测评' };

export const DEMOCRATIC_SOURCES = ['self', 'peers', 'masses'] as const;
export type DemocraticSource = (typeof DEMOCRATIC_SOURCES)[number];
export const DEMOCRATIC_SOURCE_LABELS: Record<DemocraticSource, string> = { self: '自评', peers: '党员互评', masses: '群众评议' };

interface CriterionBase {
  /** Stable within the scheme (lower-case letters, digits, hyphens); scores cite it. */
  id: string;
  label: string;
  maxPoints: number;
}

export interface ComputedCriterion extends CriterionBase {
  source: 'computed';
  formula: FormulaName;
  params?: FormulaParams;
}

export interface EnteredCriterion extends CriterionBase {
  source: 'entered';
  kind: 'group-evaluation' | 'distinctiveness';
}

/** Scored from the tallies of self-assessment, peers within the party group and the masses. */
export interface DemocraticCriterion extends CriterionBase {
  source: 'entered';
  kind: 'democratic-evaluation';
  /** Percent weight of each source; they add up to 100. */
  weights: Record<DemocraticSource, number>;
}

export type Criterion = ComputedCriterion | EnteredCriterion | DemocraticCriterion;

/** A bonus (加分) the office may award up to its cap; a deduction (扣分) it may record up to its cap. */
export interface CappedItem {
  id: string;
  label: string;
  cap: number;
}

/** A one-vote veto (一票否决): when recorded, the member's grade is the lowest band whatever the points. */
export interface VetoItem {
  id: string;
  label: string;
}

export interface GradeBand {
  grade: Grade;
  /** The least points for this grade (bands run from the best grade down to 0). */
  minPoints: number;
}

/** At most `maxPercent` of the round's subjects get the top grade (ADR 0043). */
export interface TopGradeQuota {
  maxPercent: number;
  /** Criterion ids compared in order when points tie at the cut. */
  tieBreakers: string[];
}

export interface SchemeContent {
  title: string;
  /** What the criteria's maxima add up to (usually 100). */
  totalPoints: number;
  criteria: Criterion[];
  /** Awarded by the office up to their caps, or computed from rated research works (`research`). */
  bonuses: BonusItem[];
  deductions: CappedItem[];
  vetoes: VetoItem[];
  bands: GradeBand[];
  topGradeQuota?: TopGradeQuota;
  /** Percent of a democratic criterion's points each rating is worth (好 100, 较好 80, 一般 60, 差 0 by default). */
  ratingPercent: Record<Rating, number>;
}

/** A published scheme as a round uses it. */
export interface PublishedScheme {
  bureauId: string;
  year: number;
  version: number;
  content: SchemeContent;
  publishedAt: string;
}
