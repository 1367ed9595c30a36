/** A work's amount shared by its authors in whole fen: equal parts, the remainder a fen each to the first listed. */
export function shareAmount(amountFen: number, authors: readonly string[]): Array<{ memberId: string; shareFen: number }> {
  const base = Math.floor(amountFen / authors.length);
  const remainder = amountFen - base * authors.length;
  return authors.map((memberId, i) => ({ memberId, shareFen: base + (i < remainder ? 1 : 0) }));
}

export interface RatedWorkFigures {
  workId: string;
  year: number;
  shares: Array<{ memberId: string; shareFen: number }>;
  bonusPoints?: number;
}

export interface MemberResearchTotal {
  memberId: string;
  works: number;
  amountFen: number;
  bonusPoints: number;
}

/** A year's totals per member over rated works: works co-authored, fen received, bonus points (each author gets the level's points). */
export function researchTotals(works: readonly RatedWorkFigures[], year: number): MemberResearchTotal[] {
  const totals = new Map<string, MemberResearchTotal>();
  for (const work of works) {
    if (work.year !== year) continue;
    for (const { memberId, shareFen } of work.shares) {
      const t = totals.get(memberId) ?? { memberId, works: 0, amountFen: 0, bonusPoints: 0 };
      t.works += 1;
      t.amountFen += shareFen;
      t.bonusPoints += work.bonusPoints ?? 0;
      totals.set(memberId, t);
    }
  }
  return [...totals.values()].sort((a, b) => b.amountFen - a.amountFen || (a.memberId < b.memberId ? -1 : 1));
}
