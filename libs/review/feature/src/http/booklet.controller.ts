import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, parseInput, READ_MODELS, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import { MEMBERS, ORG_UNITS, REVIEWS, type MemberView, type OrgUnitView, type ReviewView } from '../projections/views';
import { renderBooklet, type BookletBook } from './booklet';
import { Bureaus } from './bureaus';
import { pathId, yearQuery } from './schemas';

const LEADERSHIP_UNITS = ['leadership-team', 'leading-party-group', 'leading-group'];

/** GET /api/v1/members/{memberId}/booklet?year= — the member's published books, printable. */
@ApiTags('booklet')
@Controller('api/v1/members')
export class BookletController {
  constructor(
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    private readonly bureaus: Bureaus,
  ) {}

  @Get(':memberId/booklet')
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async booklet(@Param('memberId') rawId: string, @Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<string> {
    const memberId = parseInput(pathId, rawId, '/memberId');
    const { year } = parseInput(yearQuery, raw);
    const member = await this.views.collection<MemberView>(MEMBERS).findById(memberId);
    if (!member) throw notFound('member', memberId);
    await this.bureaus.requireReadable(principal, member.bureauId, 'read a pledge booklet');
    const units = await this.views.collection<OrgUnitView>(ORG_UNITS).find({ bureauId: member.bureauId }, { limit: 500 });
    const unitById = new Map(units.items.map((u) => [u._id, u]));
    const ownUnits = new Set([member.groupId, member.branchId, member.departmentId].filter(Boolean));
    const leads = member.roles.includes('leading-group');
    const published = await this.views.collection<ReviewView>(REVIEWS).find({ bureauId: member.bureauId, year, status: 'published' }, { limit: 200 });
    const mine = published.items.filter((r) => {
      if (r.pledger.type !== 'collective') return r.memberIds.includes(memberId);
      const unit = r.pledger.orgUnitId ? unitById.get(r.pledger.orgUnitId) : undefined;
      return (r.pledger.orgUnitId && ownUnits.has(r.pledger.orgUnitId)) || (leads && unit && LEADERSHIP_UNITS.includes(unit.type));
    });
    const nameOf = async (id: string) => (await this.views.collection<MemberView>(MEMBERS).findById(id))?.name ?? id;
    const order = { individual: 0, paired: 1, collective: 2 } as const;
    const books: BookletBook[] = [];
    for (const r of mine.sort((a, b) => order[a.pledger.type] - order[b.pledger.type])) {
      const pledgerName =
        r.pledger.type === 'collective' ? (unitById.get(r.pledger.orgUnitId ?? '')?.name ?? r.pledger.orgUnitId ?? '') : (await Promise.all(r.pledger.memberIds.map(nameOf))).join('、');
      books.push({ pledgeId: r.pledgeId, pledgerType: r.pledger.type, pledgerName, items: r.items, ...(r.approvedAt ? { approvedAt: r.approvedAt } : {}), ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}) });
    }
    return renderBooklet(member, year, books, await this.bureaus.name(member.bureauId));
  }
}
