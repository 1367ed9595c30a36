import { firstDayOfHalf, lastDayOfHalf, monthsOfHalf, quartersOfHalf, type Half } from '../../shared/dates';
import { roundPoints } from '../../shared/points';
import { itemKey, latestStatuses, type ItemRef, type ItemStatusFact } from '../../shared/statuses';
import { FORMULA_CATALOGUE } from '../../scheme/formula-catalogue';
import type { ComputedCriterion } from '../../scheme/types';
import type { CriterionScore } from '../types';
import type { RecordFact, SubjectFacts } from './facts';
import type { StoredComputedScore } from './stored-score';

export interface ScoringPeriod {
  year: number;
  half: Half;
  schemeVersion: number;
}

const unique = (ids: string[]) => [...new Set(ids)];
const ratio = (max: number, part: number, whole: number) => (whole === 0 ? 0 : roundPoints((max * part) / whole));

/**
 * An item's latest status as of `untilMonth`, as `latestStatuses` has it. A subject's facts are
 * all their own, so each item's is found by a scan (no keys built); facts of several members take
 * the long way.
 */
function latestStatusOf(statuses: readonly ItemStatusFact[], untilMonth: string): (item: ItemRef) => ItemStatusFact | undefined {
  const memberId = statuses[0]?.memberId;
  if (statuses.some((f) => f.memberId !== memberId)) {
    const latest = new Map([...latestStatuses(statuses, untilMonth).values()].map((f) => [itemKey(f), f]));
    return (item) => latest.get(itemKey(item));
  }
  return ({ pledgeId, itemNo }) => {
    let latest: ItemStatusFact | undefined;
    for (const fact of statuses) {
      if (fact.itemNo !== itemNo || fact.pledgeId !== pledgeId || fact.month > untilMonth) continue;
      if (!latest || fact.month >= latest.month) latest = fact;
    }
    return latest;
  };
}

function itemsFulfilled(c: ComputedCriterion, facts: SubjectFacts, p: ScoringPeriod) {
  const months = monthsOfHalf(p.year, p.half);
  const lastQuarter = quartersOfHalf(p.half)[1]!;
  const latestOf = latestStatusOf(facts.statuses, months[5]!);
  const used: ItemStatusFact[] = [];
  let done = 0;
  let onTrackNotDue = 0;
  let dueByHalfEnd = 0;
  for (const item of facts.items) {
    const fact = latestOf(item);
    if (fact) used.push(fact);
    const due = (item.dueQuarter ?? 4) <= lastQuarter;
    if (due) dueByHalfEnd += 1;
    if (fact?.status === 'done') done += 1;
    else if (!due && fact?.status === 'on-track') onTrackNotDue += 1;
  }
  const fulfilled = done + onTrackNotDue;
  return {
    points: ratio(c.maxPoints, fulfilled, facts.items.length),
    inputs: { items: facts.items.length, dueByHalfEnd, done, onTrackNotDue, fulfilled, unchecked: facts.items.length - used.length },
    sourceEventIds: unique(used.map((f) => f.eventId)),
  };
}

function checksOnTrack(c: ComputedCriterion, facts: SubjectFacts, p: ScoringPeriod) {
  const months = monthsOfHalf(p.year, p.half);
  // One status per item and month: a correction replaces the status it corrects.
  const perMonth = new Map<string, ItemStatusFact>();
  const cited = new Set<string>();
  for (const f of facts.statuses) {
    if (!months.includes(f.month)) continue;
    perMonth.set(`${f.month}|${itemKey(f)}`, f);
    cited.add(f.eventId);
  }
  let good = 0;
  const monthsChecked = new Set<string>();
  for (const f of perMonth.values()) {
    if (f.status === 'done' || f.status === 'on-track') good += 1;
    monthsChecked.add(f.month);
  }
  return {
    points: ratio(c.maxPoints, good, perMonth.size),
    inputs: { statuses: perMonth.size, doneOrOnTrack: good, monthsChecked: monthsChecked.size },
    sourceEventIds: [...cited],
  };
}

/**
 * Corrections replace what they correct (ADR 0036): every record descends through `corrects` from
 * one original, and of each such line only the latest record (in stream order) counts.
 */
export function latestOfEachLine(records: readonly RecordFact[]): RecordFact[] {
  const byId = new Map(records.map((r) => [r.recordId, r]));
  const rootOf = (r: RecordFact): string => {
    const seen = new Set<string>();
    let at = r;
    while (at.corrects && byId.has(at.corrects) && !seen.has(at.recordId)) {
      seen.add(at.recordId);
      at = byId.get(at.corrects)!;
    }
    return at.corrects ?? at.recordId;
  };
  const latest = new Map<string, RecordFact>();
  for (const r of records) latest.set(rootOf(r), r);
  return [...latest.values()];
}

function deedsRecorded(c: ComputedCriterion, facts: SubjectFacts, p: ScoringPeriod) {
  const deedItems = new Set(facts.items.filter((i) => i.kind === 'deed').map(itemKey));
  const from = firstDayOfHalf(p.year, p.half);
  const to = lastDayOfHalf(p.year, p.half);
  const lines = latestOfEachLine(facts.records);
  const counted = lines.filter((r) => deedItems.has(itemKey(r)) && r.recordedOn >= from && r.recordedOn <= to);
  const perDeed = c.params?.pointsPerDeed ?? 0;
  return {
    points: roundPoints(Math.min(c.maxPoints, counted.length * perDeed)),
    inputs: { deeds: counted.length, pointsPerDeed: perDeed, correctedRecords: facts.records.length - lines.length },
    sourceEventIds: unique(counted.map((r) => r.eventId)),
  };
}

function talksDeduction(c: ComputedCriterion, facts: SubjectFacts, p: ScoringPeriod) {
  const quarters = quartersOfHalf(p.half);
  const talks = facts.talks.filter((t) => t.year === p.year && quarters.includes(t.quarter));
  const count = new Set(talks.map((t) => t.talkId)).size;
  const perTalk = c.params?.pointsPerTalk ?? 0;
  return {
    points: roundPoints(Math.max(0, c.maxPoints - count * perTalk)),
    inputs: { talks: count, pointsPerTalk: perTalk },
    sourceEventIds: unique(talks.map((t) => t.eventId)),
  };
}

const FORMULA_FUNCTIONS = {
  'items-fulfilled-ratio': itemsFulfilled,
  'monthly-checks-on-track-ratio': checksOnTrack,
  'deeds-recorded-count': deedsRecorded,
  'reminder-talks-deduction': talksDeduction,
} as const;

/** A computed criterion's score from the member's facts: a pure function of the scheme and the events. */
export function scoreComputed(criterion: ComputedCriterion, facts: SubjectFacts, period: ScoringPeriod): CriterionScore {
  const { points, inputs, sourceEventIds } = FORMULA_FUNCTIONS[criterion.formula](criterion, facts, period);
  return {
    criterionId: criterion.id,
    label: criterion.label,
    schemeVersion: period.schemeVersion,
    maxPoints: criterion.maxPoints,
    points,
    source: 'computed',
    formula: criterion.formula,
    ...(criterion.params ? { params: criterion.params } : {}),
    rule: FORMULA_CATALOGUE[criterion.formula].rule,
    inputs,
    sourceEventIds,
  };
}

/** A computed criterion's score as `ComputedScoresRecorded` stores it: `storeComputedScore(scoreComputed(…))` without the parts it drops. */
export function scoreComputedToStore(criterion: ComputedCriterion, facts: SubjectFacts, period: ScoringPeriod): StoredComputedScore {
  const { points, inputs, sourceEventIds } = FORMULA_FUNCTIONS[criterion.formula](criterion, facts, period);
  return { criterionId: criterion.id, points, inputs, sourceEventIds };
}
