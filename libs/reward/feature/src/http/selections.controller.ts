import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, deterministicId, idempotencyKeyOf, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { initialSelectionState } from '@pledgebook/reward-domain';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { SELECTIONS, type SelectionView } from '../projections/views';
import { selectionStream } from '../streams';
import { RewardLookups } from '../writes/lookups';
import { RewardWrites } from '../writes/reward-writes';
import { actorOf, writeContext } from './access';
import { Bureaus } from './bureaus';
import { renderAnnouncement } from './printables';
import { recordBody, requireRecord } from './records';
import { changeSelection, type SelectionChange } from './selection-change';
import { selectionFor } from './selection-view';
import { decisionBody, emptyBody, listQuery, nominateBody, noticeBody, openSelectionBody, recordId } from './schemas';


/** /api/v1/rewards/selections: 評先選優 — opened, nominees proposed, nominations, decision, notice, announcement. */
@ApiTags('rewards')
@Controller('api/v1/rewards/selections')
export class SelectionsController {
  constructor(
    private readonly writes: RewardWrites,
    private readonly lookups: RewardLookups,
    private readonly bureaus: Bureaus,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Post()
  @BureauAccess({ from: 'caller', roles: ['leading-group'], what: 'open a selection' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(openSelectionBody)
  async open(@Body(new ZodPipe(openSelectionBody)) body: z.infer<typeof openSelectionBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const key = idempotencyKeyOf(req);
    // With an Idempotency-Key the id follows from it: even concurrent retries open one selection.
    const selectionId = key ? deterministicId(`selection|${p.bureauId}|${p.subject}|${key}`) : newId();
    const result = await this.writes.selections.handle({
      stream: selectionStream(selectionId),
      initialState: () => initialSelectionState(selectionId),
      ...writeContext(p, req, 'open-selection'),
      command: async () => ({
        type: 'OpenSelection' as const,
        selectionId,
        bureauId: p.bureauId,
        year: body.year,
        honourId: body.honourId,
        ...(body.title !== undefined ? { title: body.title } : {}),
        quota: body.quota,
        actor: actorOf(p),
        at: new Date().toISOString(),
        policy: await this.lookups.policy(p.bureauId, body.year),
        results: await this.lookups.results(p.bureauId),
      }),
    });
    res.status(201).setHeader('Location', `/api/v1/rewards/selections/${selectionId}`);
    return recordBody(result.state, result.revision, res);
  }

  @Get()
  @BureauAccess({ from: 'query', what: 'list selections' })
  async list(@Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const q = parseInput(listQuery, raw, '/query');
    const bureauId = q.bureauId ?? p.bureauId;
    const page = await this.views.collection<SelectionView>(SELECTIONS).find(
      { bureauId, ...(q.year ? { year: q.year } : {}), ...(q.status ? { status: q.status } : {}) },
      { sort: { updatedAt: -1 }, limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) },
    );
    return { items: page.items.map(({ _id: _k, ...s }) => selectionFor(s, p)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get(':selectionId')
  @BureauAccess({ from: 'aggregate', what: 'read a selection' })
  async get(@Param('selectionId') raw: string, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.readable(raw, p);
    return recordBody(selectionFor(state, p), revision, res);
  }

  /** The announced (or decided) list, printable. */
  @Get(':selectionId/announcement')
  @BureauAccess({ from: 'aggregate', what: 'print a selection' })
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async announcement(@Param('selectionId') raw: string, @CurrentPrincipal() p: Principal): Promise<string> {
    const { state } = await this.readable(raw, p);
    const names = new Map<string, string>();
    for (const id of state.decision?.selected ?? []) names.set(id, (await this.lookups.member(state.bureauId!, id))?.name ?? id);
    return renderAnnouncement(state, names, (await this.bureaus.get(state.bureauId!))?.name);
  }

  @Post(':selectionId/proposals')
  @BureauAccess({ from: 'aggregate', what: 'propose nominees' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(emptyBody)
  propose(@Param('selectionId') id: string, @Body(new ZodPipe(emptyBody)) _b: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, p, req, res, ifMatch, 'propose', async () => ({ type: 'ProposeNominees', actor: actorOf(p), at: new Date().toISOString(), results: await this.lookups.results(p.bureauId) }));
  }

  @Post(':selectionId/nominations')
  @BureauAccess({ from: 'aggregate', what: 'nominate' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(nominateBody)
  async nominate(
    @Param('selectionId') id: string,
    @Body(new ZodPipe(nominateBody)) body: z.infer<typeof nominateBody>,
    @CurrentPrincipal() p: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const result = await this.change(id, p, req, res, ifMatch, 'nominate', async () => {
      const [nominee, nominator] = [await this.lookups.member(p.bureauId, body.memberId), await this.lookups.member(p.bureauId, p.subject)];
      return {
        type: 'Nominate',
        memberId: body.memberId,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        actor: actorOf(p),
        at: new Date().toISOString(),
        ...(nominee ? { nominee: { memberId: nominee.memberId, ...(nominee.branchId ? { branchId: nominee.branchId } : {}) } } : {}),
        ...(nominator?.branchId ? { actorBranchId: nominator.branchId } : {}),
        results: await this.lookups.results(p.bureauId, body.memberId),
      };
    });
    res.status(201);
    return result;
  }

  @Post(':selectionId/decision')
  @BureauAccess({ from: 'aggregate', what: 'decide a selection' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(decisionBody)
  decide(@Param('selectionId') id: string, @Body(new ZodPipe(decisionBody)) body: z.infer<typeof decisionBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, p, req, res, ifMatch, 'decide', () => ({ type: 'DecideSelection', meeting: body.meeting, selected: body.selected, actor: actorOf(p), at: new Date().toISOString() }));
  }

  @Post(':selectionId/notice')
  @BureauAccess({ from: 'aggregate', what: 'put a selection on notice' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(noticeBody)
  notice(@Param('selectionId') id: string, @Body(new ZodPipe(noticeBody)) body: z.infer<typeof noticeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, p, req, res, ifMatch, 'notice', () => ({ type: 'PutSelectionOnNotice', startsOn: body.startsOn, endsOn: body.endsOn, actor: actorOf(p), at: new Date().toISOString() }));
  }

  @Post(':selectionId/announcement')
  @BureauAccess({ from: 'aggregate', what: 'announce a selection' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(emptyBody)
  announce(@Param('selectionId') id: string, @Body(new ZodPipe(emptyBody)) _b: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, p, req, res, ifMatch, 'announce', () => ({ type: 'AnnounceSelection', actor: actorOf(p), at: new Date().toISOString() }));
  }

  private async readable(raw: string, p: Principal) {
    const selectionId = parseInput(recordId, raw, '/selectionId');
    const loaded = await this.writes.selections.load(selectionStream(selectionId), { initialState: () => initialSelectionState(selectionId) });
    requireRecord(loaded.revision, 'selection', selectionId);
    await this.bureaus.requireReadable(p, loaded.state.bureauId!, 'read a selection');
    return loaded;
  }

  private change(raw: string, p: Principal, req: AuthenticatedRequest, res: Response, ifMatch: string | undefined, what: string, command: SelectionChange) {
    return changeSelection(this.writes, raw, p, req, res, ifMatch, what, command);
  }
}
