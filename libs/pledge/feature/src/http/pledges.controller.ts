import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import {
  BadInput,
  BureauAccess,
  CurrentPrincipal,
  EVENT_STORE,
  etagFor,
  expectedRevisionFrom,
  idempotencyKeyOf,
  IdempotencyInterceptor,
  parseInput,
  READ_MODELS,
  ZodApiBody,
  ZodPipe,
  requestCorrelationId,
  type AuthenticatedRequest,
  type Principal,
} from '@pledgebook/nest';
import { notFound, type PledgeState } from '@pledgebook/pledge-domain';
import type { ReadModelStore } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { deterministicId, metaFromPrincipal } from '@pledgebook/nest';
import { DirectoryRepository } from '../directory/directory.repository';
import { ChangePledge, DraftPledge, type ExistingPledgeCommand, type PledgeWriteResult } from '../pledges/pledge.commands';
import { PledgeRepository } from '../pledges/pledge.repository';
import type { PledgeView } from '../projections/pledge-view';
import { PLEDGES } from '../projections/pledges.projection';
import { pledgeStream } from '../streams';
import { actorOf, canSeePledge, OVERSEERS, requireBureau, type Placement } from './access';
import { MEMBERS, scopedId, type MemberView } from '../projections/directory.projection';
import { decodePageCursor, encodePageCursor } from './request-context';
import { asOfQuery, draftPledgeBody, listPledgesQuery, pageQuery, pathId, progressBody, revisePledgeBody, withdrawBody } from './schemas';

/** A pledge as the API returns it: the folded stream, with its revision (also the ETag). */
function pledgeBody(state: PledgeState, revision: number) {
  const { records, ...rest } = state;
  return { ...rest, revision, records: Object.values(records) };
}

@ApiTags('pledges')
@Controller('api/v1/pledges')
export class PledgesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly pledges: PledgeRepository,
    private readonly directory: DirectoryRepository,
    @Inject(EVENT_STORE) private readonly events: EventStore,
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
    const pledgeId = key ? deterministicId(`pledge|${principal.subject}|${key}`) : newId();
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
    const { state, revision } = await this.readable(pledgeId, principal, asOf);
    response.setHeader('ETag', etagFor(revision));
    return { ...pledgeBody(state, revision), ...(asOf ? { asOf } : {}) };
  }

  @Patch(':pledgeId')
  @BureauAccess({ from: 'aggregate', what: 'revise a pledge book' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(revisePledgeBody)
  async revise(@Param('pledgeId') id: string, @Body(new ZodPipe(revisePledgeBody)) body: z.infer<typeof revisePledgeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, { type: 'RevisePledge', actor: actorOf(p), items: body.items }, p, req, res, ifMatch);
  }

  @Post(':pledgeId/submit')
  @BureauAccess({ from: 'aggregate', what: 'submit a pledge book' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  async submit(@Param('pledgeId') id: string, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    if (req.body && Object.keys(req.body as object).length > 0) throw new BadInput([{ field: '/', message: 'submit takes no body' }]);
    return this.change(id, { type: 'SubmitPledge', actor: actorOf(p) }, p, req, res, ifMatch);
  }

  @Post(':pledgeId/withdraw')
  @BureauAccess({ from: 'aggregate', what: 'withdraw a pledge book' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(withdrawBody)
  async withdraw(@Param('pledgeId') id: string, @Body(new ZodPipe(withdrawBody)) body: z.infer<typeof withdrawBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, { type: 'WithdrawPledge', actor: actorOf(p), reason: body.reason }, p, req, res, ifMatch, body.reason);
  }

  @Post(':pledgeId/progress')
  @BureauAccess({ from: 'aggregate', what: 'record progress' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(progressBody)
  async progress(@Param('pledgeId') id: string, @Body(new ZodPipe(progressBody)) body: z.infer<typeof progressBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    const key = idempotencyKeyOf(req);
    const recordId = key ? deterministicId(`record|${p.subject}|${key}`) : newId();
    const { corrects, ...record } = body;
    const result = await this.change(
      id,
      { type: 'RecordProgress', actor: actorOf(p), recordId, at: new Date().toISOString(), record, ...(corrects ? { corrects } : {}) },
      p,
      req,
      res,
      ifMatch,
    );
    res.status(201);
    return { ...result, recordId };
  }

  @Get(':pledgeId/history')
  @BureauAccess({ from: 'aggregate', what: 'read a pledge book’s history' })
  async history(@Param('pledgeId') rawId: string, @Query() raw: unknown, @CurrentPrincipal() principal: Principal) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const query = parseInput(pageQuery, raw, '/query');
    const from = decodePageCursor(query.cursor);
    if (from === -1) throw new BadInput([{ field: '/query/cursor', message: 'not a cursor this API returned' }]);
    await this.readable(pledgeId, principal);
    const events = await this.events.readStream(pledgeStream(pledgeId), { from: from ?? 0, maxCount: query.limit + 1 });
    const page = events.slice(0, query.limit);
    return {
      pledgeId,
      items: page.map((e) => ({
        revision: e.revision,
        type: e.type,
        recordedAt: e.recordedAt,
        actorId: e.metadata.actorId,
        actorRole: e.metadata.actorRole,
        reason: e.metadata.reason ?? null,
        causationId: e.metadata.causationId,
        correlationId: e.metadata.correlationId,
        eventId: e.id,
        hash: e.hash,
        data: e.data,
      })),
      ...(events.length > query.limit ? { nextCursor: encodePageCursor(page[page.length - 1]!.revision + 1) } : {}),
    };
  }

  @Get(':pledgeId/verify')
  @BureauAccess({ from: 'aggregate', what: 'verify a pledge book' })
  async verify(@Param('pledgeId') rawId: string, @CurrentPrincipal() principal: Principal) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    await this.readable(pledgeId, principal);
    return this.events.verifyStream(pledgeStream(pledgeId));
  }

  private async change(rawId: string, command: ExistingPledgeCommand, principal: Principal, request: AuthenticatedRequest, response: Response, ifMatch?: string, reason?: string) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const expected = expectedRevisionFrom(ifMatch);
    const key = idempotencyKeyOf(request);
    const meta = metaFromPrincipal(principal, requestCorrelationId(request), {
      ...(reason ? { reason } : {}),
      ...(key ? { idempotencySeed: `${command.type}|${pledgeId}|${principal.subject}|${key}` } : {}),
    });
    const access = (state: PledgeState) => requireBureau(principal, state.bureauId, `pledge ${pledgeId}`, { write: true });
    const result: PledgeWriteResult = await this.commands.execute(new ChangePledge(pledgeId, command, meta, expected, access));
    response.setHeader('ETag', etagFor(result.revision));
    return result;
  }

  /** The caller's units, looked up only when a collective draft asks for them. */
  private async placementOf(principal: Principal, state: PledgeState): Promise<Placement | undefined> {
    if (state.pledger.type !== 'collective' || state.status === 'published' || state.status === 'closed') return undefined;
    return this.views.collection<MemberView>(MEMBERS).findById(scopedId(principal.bureauId, principal.subject));
  }

  /** Loads a pledge the principal may read: 404 when it does not exist (or is not theirs to know of). */
  private async readable(pledgeId: string, principal: Principal, asOf?: string) {
    const loaded = await this.pledges.load(pledgeId, asOf);
    const exists = loaded.state.status !== 'none';
    if (!exists) {
      if (asOf && (await this.events.streamRevision(pledgeStream(pledgeId))) !== undefined) {
        const current = await this.pledges.load(pledgeId);
        requireBureau(principal, current.state.bureauId, `pledge ${pledgeId}`, { write: false, ancestorsOf: () => [] });
        throw notFound('pledge', `${pledgeId} as of ${asOf}`);
      }
      throw notFound('pledge', pledgeId);
    }
    const ancestors = await this.directory.ancestors(loaded.state.bureauId);
    requireBureau(principal, loaded.state.bureauId, `pledge ${pledgeId}`, { write: false, ancestorsOf: () => ancestors });
    if (!canSeePledge(principal, loaded.state, await this.placementOf(principal, loaded.state))) throw notFound('pledge', pledgeId);
    return loaded;
  }
}
