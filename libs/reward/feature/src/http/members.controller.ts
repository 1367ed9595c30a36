import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, parseInput, READ_MODELS, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import { all } from '../projections/all';
import { GRANTS, RESULTS, type GrantView, type ResultView } from '../projections/views';
import { RewardLookups } from '../writes/lookups';
import { memberId, yearQuery } from './schemas';

/** GET /api/v1/rewards/members/{memberId}: a member's final results and the rewards granted to them. */
@ApiTags('rewards')
@Controller('api/v1/rewards/members')
export class MembersController {
  constructor(
    private readonly lookups: RewardLookups,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Get(':memberId')
  @BureauAccess({ from: 'query', what: 'read a member’s rewards' })
  async member(@Param('memberId') raw: string, @Query() q: unknown, @CurrentPrincipal() p: Principal) {
    const id = parseInput(memberId, raw, '/memberId');
    const { year, bureauId = p.bureauId } = parseInput(yearQuery, q, '/query');
    const member = await this.lookups.member(bureauId, id);
    if (!member) throw notFound('member', id);
    const results = await all<ResultView>(this.views, RESULTS, { bureauId, memberId: id, ...(year ? { year } : {}) });
    const grants = await all<GrantView>(this.views, GRANTS, { bureauId, recipientKey: `member:${id}`, ...(year ? { year } : {}) });
    return {
      bureauId,
      memberId: id,
      name: member.name,
      ...(member.branchId ? { branchId: member.branchId } : {}),
      ...(member.groupId ? { groupId: member.groupId } : {}),
      results: results.map(({ _id: _k, bureauId: _b, memberId: _m, ...r }) => r).sort((a, b) => a.year - b.year || (a.half < b.half ? -1 : 1)),
      grants: grants.map(({ _id: _k, ...g }) => g),
    };
  }
}
