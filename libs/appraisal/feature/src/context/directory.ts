import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@pledgebook/appraisal-domain';
import { READ_MODELS, requireBureau, type BureauHierarchy, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { BOOKS, BUREAUS, MEMBERS, OFFICES, ORG_UNITS, scopedId, type BookView, type BureauView, type GroupPeriodView, type MemberView, type OfficeView, type OrgUnitView } from '../projections/facts.views';
import { all } from './all';

/**
 * The member's party group and branch on a date, by the moves' effective dates. Before the first
 * recorded date (a directory entered mid-year) the member counts in the group first recorded.
 */
export function placementOn(member: Pick<MemberView, 'groups' | 'groupId' | 'branchId'>, date: string): GroupPeriodView | undefined {
  const periods = [...(member.groups ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  if (!periods.length) return member.groupId || member.branchId ? { groupId: member.groupId, branchId: member.branchId, from: '' } : undefined;
  return [...periods].reverse().find((p) => p.from <= date) ?? periods[0];
}

/** The bureau's directory as the appraisal service learned it from the pledge service (its facts views). */
@Injectable()
export class Directory implements BureauHierarchy {
  constructor(@Inject(READ_MODELS) private readonly views: ReadModelStore) {}

  member(bureauId: string, memberId: string): Promise<MemberView | undefined> {
    return this.views.collection<MemberView>(MEMBERS).findById(scopedId(bureauId, memberId));
  }

  members(bureauId: string): Promise<MemberView[]> {
    return all<MemberView>(this.views, MEMBERS, { bureauId });
  }

  orgUnit(bureauId: string, orgUnitId: string): Promise<OrgUnitView | undefined> {
    return this.views.collection<OrgUnitView>(ORG_UNITS).findById(scopedId(bureauId, orgUnitId));
  }

  orgUnits(bureauId: string): Promise<OrgUnitView[]> {
    return all<OrgUnitView>(this.views, ORG_UNITS, { bureauId });
  }

  bureau(bureauId: string): Promise<BureauView | undefined> {
    return this.views.collection<BureauView>(BUREAUS).findById(bureauId);
  }

  /** The year's appraisal office staff (the directory's assignment; empty when none was made). */
  async officeStaff(bureauId: string, year: number): Promise<string[]> {
    const office = await this.views.collection<OfficeView>(OFFICES).findById(`${bureauId}/${year}`);
    return (office?.staff ?? []).map((s) => s.memberId);
  }

  /** Published (or, after the year closed, closed) individual and paired books of a year. */
  publishedBooks(bureauId: string, year: number): Promise<BookView[]> {
    return all<BookView>(this.views, BOOKS, { bureauId, year, status: { $in: ['published', 'closed'] } }).then((books) => books.filter((b) => b.pledger.type !== 'collective'));
  }

  /** The caller as the deciders know an actor: roles from the token, place from the directory. */
  async actorOf(principal: Principal): Promise<Actor> {
    const placed = await this.member(principal.bureauId, principal.subject);
    return {
      memberId: principal.subject,
      bureauId: principal.bureauId,
      roles: principal.roles,
      ...(placed?.groupId ? { groupId: placed.groupId } : {}),
      ...(placed?.branchId ? { branchId: placed.branchId } : {}),
    };
  }

  /** The bureau's parent authorities, nearest first. */
  async ancestorsOf(bureauId: string): Promise<string[]> {
    const chain: string[] = [];
    for (let id: string | undefined = bureauId; id && chain.length < 10; ) {
      const parent: string | undefined = (await this.bureau(id))?.parentBureauId;
      if (!parent || chain.includes(parent)) break;
      chain.push(parent);
      id = parent;
    }
    return chain;
  }

  /** Reads stay in the bureau, except for a parent authority's auditor. */
  async requireReadable(principal: Principal, bureauId: string, what: string): Promise<void> {
    const ancestors = principal.bureauId === bureauId ? [] : await this.ancestorsOf(bureauId);
    requireBureau(principal, bureauId, what, { write: false, ancestorsOf: () => ancestors });
  }
}
