import { lastDayOfHalf, type DispatchRosterMember, type ItemFact, type RosterMember, type Subject } from '@pledgebook/appraisal-domain';
import type { BookView, MemberView } from '../projections/facts.views';
import { placementOn } from './directory';

/** The last day of a month (YYYY-MM). */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Books published by a moment (closed books were published before they closed). */
export const publishedBy = (books: readonly BookView[], at: string) => books.filter((b) => (b.publishedAt ?? '') <= at);

/** A member's books among these, with their items as the checks and scores name them. */
export function booksOf(books: readonly BookView[], memberId: string): BookView[] {
  return books.filter((b) => b.memberIds.includes(memberId)).sort((a, b) => a.pledgeId.localeCompare(b.pledgeId));
}

export const itemFactsOf = (books: readonly BookView[]): ItemFact[] =>
  books.flatMap((b) => b.items.map((i) => ({ pledgeId: b.pledgeId, itemNo: i.no, kind: i.kind, ...(i.dueQuarter ? { dueQuarter: i.dueQuarter } : {}) })));

/**
 * Who a party group checks for a month: every member in the group on the month's last day (or
 * today, in the current month) with a book published by the time of the check — each with every
 * item of their individual and paired books.
 */
export function checkRoster(members: readonly MemberView[], books: readonly BookView[], groupId: string, month: string, today: string): Array<RosterMember & { name: string }> {
  const day = [lastDayOfMonth(month), today].sort()[0]!;
  return members
    .filter((m) => placementOn(m, day)?.groupId === groupId)
    .map((m) => ({ member: m, books: booksOf(books, m.memberId) }))
    .filter((x) => x.books.length > 0)
    .sort((a, b) => a.member.memberId.localeCompare(b.member.memberId))
    .map(({ member, books: own }) => ({ memberId: member.memberId, name: member.name, items: own.flatMap((b) => b.items.map((i) => ({ pledgeId: b.pledgeId, itemNo: i.no }))) }));
}

/** The branch's members with a published book in the quarter (placed on its last day), with their items and when each is due. */
export function dispatchRoster(members: readonly MemberView[], books: readonly BookView[], branchId: string, day: string): DispatchRosterMember[] {
  return members
    .map((m) => ({ member: m, place: placementOn(m, day), books: booksOf(books, m.memberId) }))
    .filter((x) => x.place?.branchId === branchId && x.books.length > 0)
    .sort((a, b) => a.member.memberId.localeCompare(b.member.memberId))
    .map(({ member, place, books: own }) => ({
      memberId: member.memberId,
      ...(place?.groupId ? { groupId: place.groupId } : {}),
      items: own.flatMap((b) => b.items.map((i) => ({ pledgeId: b.pledgeId, itemNo: i.no, ...(i.dueQuarter ? { dueQuarter: i.dueQuarter } : {}) }))),
    }));
}

const PARTY_STATUSES = ['full', 'probationary', 'non-party'] as const;

/** The round's subjects: members with a published (or closed) individual or paired book of the year, placed at the half's end. */
export function roundSubjects(members: readonly MemberView[], books: readonly BookView[], year: number, half: 'H1' | 'H2'): Subject[] {
  const day = lastDayOfHalf(year, half);
  return members
    .map((m) => ({ member: m, books: booksOf(books, m.memberId) }))
    .filter((x) => x.books.length > 0)
    .map(({ member, books: own }) => {
      const place = placementOn(member, day);
      const partyStatus = (PARTY_STATUSES as readonly string[]).includes(String(member.partyStatus)) ? (member.partyStatus as Subject['partyStatus']) : 'full';
      return {
        memberId: member.memberId,
        partyStatus,
        ...(place?.branchId ? { branchId: place.branchId } : {}),
        ...(place?.groupId ? { groupId: place.groupId } : {}),
        books: own.map((b) => ({ pledgeId: b.pledgeId, pledgerType: b.pledger.type as 'individual' | 'paired', status: b.status as 'published' | 'closed' })),
      };
    });
}

/** Groups and branches a set of members were placed in on any of these days. */
export function placesOf(members: readonly MemberView[], days: readonly string[]): { groupIds: Set<string>; branchIds: Set<string> } {
  const groupIds = new Set<string>();
  const branchIds = new Set<string>();
  for (const m of members) {
    for (const p of m.groups ?? []) {
      if (p.groupId) groupIds.add(p.groupId);
      if (p.branchId) branchIds.add(p.branchId);
    }
    for (const day of days) {
      const p = placementOn(m, day);
      if (p?.groupId) groupIds.add(p.groupId);
      if (p?.branchId) branchIds.add(p.branchId);
    }
  }
  return { groupIds, branchIds };
}
