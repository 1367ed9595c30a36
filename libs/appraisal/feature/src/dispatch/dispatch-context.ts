import { Injectable } from '@nestjs/common';
import { DEFAULT_TALK_DUE_DAYS, localDate, monthsOfQuarter, type DispatchContext, type ProgressFact, type Quarter } from '@pledgebook/appraisal-domain';
import { Directory, placementOn } from '../context/directory';
import { EventFacts } from '../context/event-facts';
import { dispatchRoster, lastDayOfMonth, placesOf, publishedBy } from '../context/rosters';

/** What a quarterly dispatch is decided on: the branch's people and the quarter's facts. */
@Injectable()
export class DispatchFacts {
  constructor(
    private readonly directory: Directory,
    private readonly eventFacts: EventFacts,
  ) {}

  async of(bureauId: string, branchId: string, year: number, quarter: Quarter, at: string, meetingDate: string, talkDueDays = DEFAULT_TALK_DUE_DAYS): Promise<DispatchContext> {
    const months = Array.from({ length: quarter * 3 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const lastDay = lastDayOfMonth(monthsOfQuarter(year, quarter)[2]!);
    const [members, all] = await Promise.all([this.directory.members(bureauId), this.directory.publishedBooks(bureauId, year)]);
    const books = publishedBy(all, at);
    const today = localDate(at);
    const roster = dispatchRoster(members, books, branchId, [lastDay, today].sort()[0]!);
    const onRoster = new Set(roster.map((m) => m.memberId));
    const rostered = members.filter((m) => onRoster.has(m.memberId));
    const statuses = (await this.eventFacts.statuses(bureauId, placesOf(rostered, [`${year}-01-01`, lastDay]).groupIds, months)).filter((s) => onRoster.has(s.memberId));
    const progress: ProgressFact[] = books.flatMap((b) =>
      b.memberIds.filter((id) => onRoster.has(id)).flatMap((memberId) => b.records.map((r) => ({ eventId: r.eventId, memberId, pledgeId: b.pledgeId, itemNo: r.itemNo, recordedOn: r.recordedOn }))),
    );
    return {
      branchMembers: members.filter((m) => placementOn(m, meetingDate)?.branchId === branchId).map((m) => m.memberId),
      groupIds: [...new Set(roster.flatMap((m) => (m.groupId ? [m.groupId] : [])))].sort(),
      roster,
      statuses,
      progress,
      talkDueDays,
    };
  }
}
