import { Inject, Injectable } from '@nestjs/common';
import { firstDayOfHalf, lastDayOfHalf, monthsOfHalf, quartersOfHalf, type Half, type ResearchWorkFact, type SubjectFacts } from '@pledgebook/appraisal-domain';
import { READ_MODELS } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { RESEARCH_GRANTS, RESEARCH_WORKS, type ResearchGrantView, type ResearchWorkView } from '../research/research.views';
import { all } from './all';
import { Directory } from './directory';
import { EventFacts } from './event-facts';
import { itemFactsOf } from './rosters';

/**
 * Everything the subjects' computed criteria are scored from (ADR 0041): their books' items and
 * fulfilment records (facts views, with the pledge service's event ids), the item statuses of
 * the year's checks up to the half's end and the talks the half's dispatches scheduled (the
 * context's own streams).
 */
@Injectable()
export class ScoringFacts {
  constructor(
    private readonly directory: Directory,
    private readonly eventFacts: EventFacts,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  async of(bureauId: string, year: number, half: Half, memberIds: readonly string[], options: { research?: boolean } = {}): Promise<Record<string, SubjectFacts>> {
    const [books, units] = await Promise.all([this.directory.publishedBooks(bureauId, year), this.directory.orgUnits(bureauId)]);
    const months = monthsOfHalf(year, 'H1').concat(half === 'H2' ? monthsOfHalf(year, 'H2') : []);
    // Every party group's checks and every branch's dispatches: wherever a subject was placed in the year.
    const places = { groupIds: new Set<string>(), branchIds: new Set<string>() };
    for (const u of units) {
      if (u.type === 'party-group') places.groupIds.add(u.orgUnitId);
      if (u.type === 'party-branch') places.branchIds.add(u.orgUnitId);
    }
    for (const b of books) {
      if (b.groupId) places.groupIds.add(b.groupId);
      if (b.branchId) places.branchIds.add(b.branchId);
    }
    const statuses = await this.eventFacts.statuses(bureauId, places.groupIds, months);
    const talks = await this.eventFacts.talks(bureauId, places.branchIds, year, quartersOfHalf(half));
    const statusesOf = groupBy(statuses, (s) => s.memberId);
    const talksOf = groupBy(talks, (t) => t.memberId);
    const booksOf = groupBy(
      books.flatMap((b) => b.memberIds.map((memberId) => ({ memberId, book: b }))),
      (x) => x.memberId,
    );
    const research = options.research ? await this.research(bureauId, year, half) : undefined;
    const facts: Record<string, SubjectFacts> = {};
    for (const memberId of memberIds) {
      const own = (booksOf.get(memberId) ?? []).map((x) => x.book).sort((a, b) => a.pledgeId.localeCompare(b.pledgeId));
      facts[memberId] = {
        items: itemFactsOf(own),
        statuses: statusesOf.get(memberId) ?? [],
        records: own.flatMap((b) =>
          b.records.map((r) => ({ eventId: r.eventId, recordId: r.recordId, pledgeId: b.pledgeId, itemNo: r.itemNo, recordedOn: r.recordedOn, ...(r.corrects ? { corrects: r.corrects } : {}) })),
        ),
        talks: (talksOf.get(memberId) ?? []).map(({ memberId: _m, ...t }) => t),
        ...(research ? { research: research.get(memberId) ?? [] } : {}),
      };
    }
    return facts;
  }

  /** Each member's research works rated in the half (by the rating's bureau date), revoked shares marked. */
  private async research(bureauId: string, year: number, half: Half): Promise<Map<string, ResearchWorkFact[]>> {
    const works = await all<ResearchWorkView>(this.views, RESEARCH_WORKS, { bureauId, ratedOn: { $gte: firstDayOfHalf(year, half), $lte: lastDayOfHalf(year, half) } }, { ratedAt: 1, workId: 1 });
    const revoked = new Set<string>();
    if (works.length) {
      const grants = await all<ResearchGrantView>(this.views, RESEARCH_GRANTS, { bureauId, revoked: true, workId: { $in: works.map((w) => w.workId) } });
      for (const g of grants) revoked.add(`${g.workId}|${g.memberId}`);
    }
    const byMember = new Map<string, ResearchWorkFact[]>();
    for (const w of works) {
      for (const { memberId, shareFen } of w.authors) {
        const fact: ResearchWorkFact = { eventId: w.eventId, workId: w.workId, categoryId: w.categoryId, levelId: w.levelId, ratedOn: w.ratedOn, shareFen, ...(w.bonusPoints !== undefined ? { bonusPoints: w.bonusPoints } : {}), ...(revoked.has(`${w.workId}|${memberId}`) ? { revoked: true } : {}) };
        const list = byMember.get(memberId);
        if (list) list.push(fact);
        else byMember.set(memberId, [fact]);
      }
    }
    return byMember;
  }
}

/** Items by key, each list in the original order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
