import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  BureauAccess,
  CurrentPrincipal,
  deterministicId,
  etagFor,
  idempotencyKeyOf,
  IdempotencyInterceptor,
  metaFromPrincipal,
  parseInput,
  READ_MODELS,
  requestCorrelationId,
  ZodApiBody,
  ZodPipe,
  type AuthenticatedRequest,
  type Principal,
} from '@pledgebook/nest';
import type { PledgeState } from '@pledgebook/pledge-domain';
import type { ReadModelStore } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { actorOf, OVERSEERS } from '../http/access';
import { asOfQuery, draftPledgeBody, listPledgesQuery, pathId } from '../http/schemas';
import type { PledgeView } from '../projections/pledge-view';
import { PLEDGES } from '../projections/pledges.projection';
import { DraftPledge, type PledgeWriteResult } from './pledge.commands';
import { ReadablePledges } from './readable-pledges';

/** A pledge as the API returns it: the folded stream, with its revision (also the ETag). */
function pledgeBody(state: PledgeState, revision: number) {
  const { records, ...rest } = state;
  return { ...rest, revision, records: Object.values(records) };
}

/** Pledge books: drafting one, the list, one book (now or as of any moment). */
@ApiTags('pledges')
@Controller('api/v1/pledges')
export class PledgeBooksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readablePledges: ReadablePledges,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Post()
  @BureauAccess({ from: 'caller', what: 'draft a pledge book' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(draftPledgeBody)
  async draft(
    @Body(new ZodPipe(draftPledgeBody)) body: z.infer<typeof draftPledgeBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = idempotencyKeyOf(request);
    // With an Idempotency-Key the id follows from it, so even concurrent retries create one pledge.
    const pledgeId = key ? deterministicId(`pledge|${principal.bureauId}|${principal.subject}|${key}`) : newId();
    const meta = metaFromPrincipal(principal, requestCorrelationId(request), key ? { idempotencySeed: `draft|${pledgeId}` } : {});
    const pledger = { type: body.pledger.type, memberIds: body.pledger.memberIds ?? [], ...(body.pledger.orgUnitId ? { orgUnitId: body.pledger.orgUnitId } : {}) };
    const result: PledgeWriteResult = await this.commands.execute(new DraftPledge(pledgeId, actorOf(principal), body.year, pledger, body.items, meta));
    response.status(201).setHeader('ETag', etagFor(result.revision)).setHeader('Location', `/api/v1/pledges/${pledgeId}`);
    return result;
  }

  @Get()
  @BureauAccess({ from: 'caller', what: 'list pledge books' })
  async list(@Query() raw: unknown, @CurrentPrincipal() principal: Principal) {
    const query = parseInput(listPledgesQuery, raw, '/query');
    const filter: Record<string, unknown> = { bureauId: principal.bureauId };
    if (query.year) filter.year = query.year;
    if (query.status) filter.status = query.status;
    if (query.memberId) filter.memberIds = query.memberId;
    if (query.orgUnitId) filter.$or = [{ branchId: query.orgUnitId }, { groupId: query.orgUnitId }, { 'pledger.orgUnitId': query.orgUnitId }];
    // Before publication a book is seen by its pledgers and by those who oversee the programme.
    const overseer = OVERSEERS.some((r) => principal.roles.includes(r));
    const visible = overseer ? filter : { $and: [filter, { $or: [{ status: { $in: ['published', 'closed'] } }, { memberIds: principal.subject }] }] };
    const page = await this.views.collection<PledgeView>(PLEDGES).find(visible, { sort: { year: -1, updatedAt: -1 }, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
    return { items: page.items.map(({ records: _r, _id: _key, ...summary }) => summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get(':pledgeId')
  @BureauAccess({ from: 'aggregate', what: 'read a pledge book' })
  async get(@Param('pledgeId') rawId: string, @Query() raw: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const { asOf } = parseInput(asOfQuery, raw, '/query');
    const { state, revision } = await this.readablePledges.readable(pledgeId, principal, asOf);
    response.setHeader('ETag', etagFor(revision));
    return { ...pledgeBody(state, revision), ...(asOf ? { asOf } : {}) };
  }

}
