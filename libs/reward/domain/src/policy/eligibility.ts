import { GRADES, halfOrder, resultRef, TOP_GRADE, type FinalResult, type Grade } from '../shared/grades';
import type { Honour } from './types';

export interface Eligibility {
  eligible: boolean;
  /** The result judged (the member's latest final result of the year, or the one given). */
  result?: FinalResult;
  /** The results the consecutive rule looked at, latest first. */
  consecutive?: FinalResult[];
}

const byTimeDesc = (results: readonly FinalResult[]) => [...results].sort((a, b) => halfOrder(b) - halfOrder(a));

/**
 * Whether one result makes the member eligible for an honour: its grade is eligible and, with
 * a consecutive rule of n, the member's n latest final results up to it are all the top grade
 * (consecutive half-years: a missing half breaks the run).
 */
export function eligibleOnResult(honour: Honour, result: FinalResult, history: readonly FinalResult[]): Eligibility {
  if (!honour.eligibleGrades.includes(result.grade)) return { eligible: false, result };
  const n = honour.consecutiveTopGrades;
  if (!n) return { eligible: true, result };
  const earlier = byTimeDesc(history.filter((r) => r.memberId === result.memberId && halfOrder(r) <= halfOrder(result)));
  const run: FinalResult[] = [];
  for (const [i, r] of earlier.entries()) {
    if (halfOrder(r) !== halfOrder(result) - i || r.grade !== TOP_GRADE) break;
    run.push(r);
    if (run.length === n) break;
  }
  return { eligible: run.length === n, result, consecutive: run };
}

/** A member's standing for a selection in a year: judged on their latest final result of that year. */
export function eligibleForSelection(honour: Honour, year: number, memberResults: readonly FinalResult[]): Eligibility {
  const latest = byTimeDesc(memberResults.filter((r) => r.year === year))[0];
  if (!latest) return { eligible: false };
  return eligibleOnResult(honour, latest, memberResults);
}

/** The proposed nominee list: every member the honour's rule makes eligible, best grade first, then by id. */
export interface ProposedNominee {
  memberId: string;
  grade: Grade;
  /** The results that make the member eligible (`<roundId>/<memberId>`). */
  basis: string[];
}

export function proposeNominees(honour: Honour, year: number, results: readonly FinalResult[]): ProposedNominee[] {
  const byMember = new Map<string, FinalResult[]>();
  for (const r of results) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
  const proposed: ProposedNominee[] = [];
  for (const [memberId, own] of byMember) {
    const standing = eligibleForSelection(honour, year, own);
    if (!standing.eligible || !standing.result) continue;
    const basis = (standing.consecutive?.length ? standing.consecutive : [standing.result]).map(resultRef);
    proposed.push({ memberId, grade: standing.result.grade, basis });
  }
  return proposed.sort((a, b) => GRADES.indexOf(a.grade) - GRADES.indexOf(b.grade) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

/** One automatic honour a final result earns. */
export interface AutomaticAward {
  honour: Honour;
  result: FinalResult;
}

/**
 * The automatic honours a year's final results earn under a policy's honours: each result of the
 * year with each automatic honour it is eligible for (its consecutive rule judged on `history`,
 * the member's results of every year). A result seen twice (the same round and member) counts
 * once, as its latest copy. Applied when a policy is set or changed, to results already recorded.
 */
export function automaticAwards(honours: readonly Honour[], year: number, results: readonly FinalResult[], history: readonly FinalResult[] = results): AutomaticAward[] {
  const automatic = honours.filter((h) => h.award === 'automatic');
  if (automatic.length === 0) return [];
  const latest = new Map<string, FinalResult>();
  for (const r of results) if (r.year === year) latest.set(resultRef(r), r);
  const awards: AutomaticAward[] = [];
  for (const result of latest.values()) {
    for (const honour of automatic) if (eligibleOnResult(honour, result, history).eligible) awards.push({ honour, result });
  }
  return awards;
}
