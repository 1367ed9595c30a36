import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { BureauAccess, CurrentPrincipal, parseInput, READ_MODELS, type Principal } from '@pledgebook/nest';
import { fulfilmentTotals } from '@pledgebook/pledge-domain';
import { findAll, type ReadModelStore } from '@pledgebook/read-model';
import type { PledgeView } from '../projections/pledge-view';
import { PLEDGES } from '../projections/pledges.projection';
import { canSeePledge } from './access';
import { pathId, yearQuery } from './schemas';

const summary = ({ records: _records, _id: _key, ...rest }: PledgeView) => rest;

@Controller('api/v1')
export class BoardsController {
  constructor(@Inject(READ_MODELS) private readonly views: ReadModelStore) {}

  /** The branch's pledge board: what the intranet shows once books are published. */
  @Get('org-units/:branchId/board')
  @BureauAccess({ from: 'caller', what: 'read a branch board' })
  async board(@Param('branchId') raw: string, @Query() q: unknown, @CurrentPrincipal() p: Principal) {
    const branchId = parseInput(pathId, raw, '/branchId');
    const { year } = parseInput(yearQuery, q, '/query');
    const filter: Record<string, unknown> = { bureauId: p.bureauId, branchId, status: { $in: ['published', 'closed'] }, ...(year ? { year } : {}) };
    const books = await findAll(this.views.collection<PledgeView>(PLEDGES), filter, { sort: { year: -1, publishedAt: 1 } });
    // Over every record of the branch's books at once: a beneficiary aided through two books counts once.
    const { peopleAided, amountFen, volunteerHours } = fulfilmentTotals(books.flatMap((b) => b.records));
    const totals = { peopleAided, amountFen, volunteerHours };
    return { branchId, year: year ?? null, pledges: books.map(summary), totals };
  }

  /** A member's own pledge books (individual, paired) in every state; others' only once published. */
  @Get('members/:memberId/pledges')
  @BureauAccess({ from: 'caller', what: 'read a member’s books' })
  async memberPledges(@Param('memberId') raw: string, @Query() q: unknown, @CurrentPrincipal() p: Principal) {
    const memberId = parseInput(pathId, raw, '/memberId');
    const { year } = parseInput(yearQuery, q, '/query');
    const books = await findAll(this.views.collection<PledgeView>(PLEDGES), { bureauId: p.bureauId, memberIds: memberId, ...(year ? { year } : {}) }, { sort: { year: -1 } });
    return { memberId, pledges: books.filter((v) => canSeePledge(p, v)).map(summary) };
  }
}
