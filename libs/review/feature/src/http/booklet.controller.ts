import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, parseInput, READ_MODELS, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import { all } from '../projections/all';
import { MEMBERS, ORG_UNITS, REVIEWS, scopedId, type MemberView, type OrgUnitView, type ReviewView } from '../projections/views';
import { renderBooklet, type BookletBook } from './booklet';
import { Bureaus } from './bureaus';
import { bookletQuery, pathId } from './schemas';

const LEADERSHIP_UNITS = ['leadership-team', 'leading-party-group', 'leading-group'];

/**
 * GET /api/v1/members/{memberId}/booklet?year=&bureauId= — the member's published books, printable.
 * The member is the caller's bureau's unless `bureauId` names another (a parent authority's auditor).
 */
@ApiTags('booklet')
@Controller('api/v1/members')
export class BookletController {
  constructor(
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    private readonly bureaus: Bureaus,
  ) {}

  @Get(':memberId/booklet')
  @BureauAccess({ from: 'query', what: 'read a pledge booklet' })
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async booklet(@Param('memberId') rawId: string, @Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<string> {
    const memberId = parseInput(pathId, rawId, '/memberId');
    const { year, bureauId = principal.bureauId } = parseInput(bookletQuery, raw);
    const member = await this.views.collection<MemberView>(MEMBERS).findById(scopedId(bureauId, memberId));
    if (!member) throw notFound('member', memberId);
    const units = await all<OrgUnitView>(this.views, ORG_UNITS, { bureauId });
    const unitById = new Map(units.map((u) => [u.orgUnitId, u]));
    const ownUnits = new Set([member.groupId, member.branchId, member.departmentId].filter(Boolean));
    const leads = member.roles.includes('leading-group');
    const published = await all<ReviewView>(this.views, REVIEWS, { bureauId, year, status: 'published' });
    const mine = published.filter((r) => {
      if (r.pledger.type !== 'collective') return r.memberIds.includes(memberId);
      const unit = r.pledger.orgUnitId ? unitById.get(r.pledger.orgUnitId) : undefined;
      return (r.pledger.orgUnitId && ownUnits.has(r.pledger.orgUnitId)) || (leads && unit && LEADERSHIP_UNITS.includes(unit.type));
    });
    const nameOf = async (id: string) => (await this.views.collection<MemberView>(MEMBERS).findById(scopedId(bureauId, id)))?.name ?? id;
    const order = { individual: 0, paired: 1, collective: 2 } as const;
    const books: BookletBook[] = [];
    for (const r of mine.sort((a, b) => order[a.pledger.type] - order[b.pledger.type])) {
      const pledgerName =
        r.pledger.type === 'collective' ? (unitById.get(r.pledger.orgUnitId ?? '')?.name ?? r.pledger.orgUnitId ?? '') : (await Promise.all(r.pledger.memberIds.map(nameOf))).join('、');
      books.push({ pledgeId: r.pledgeId, pledgerType: r.pledger.type, pledgerName, items: r.items, approvedBy: r.decidingBody, ...(r.approvedAt ? { approvedAt: r.approvedAt } : {}), ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}) });
    }
    return renderBooklet(member, year, books, await this.bureaus.name(bureauId));
  }
}
