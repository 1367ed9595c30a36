import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { initialGrantState } from '@pledgebook/reward-domain';
import type { Response } from 'express';
import type { z } from 'zod';
import { GRANTS, type GrantView } from '../projections/views';
import { grantStream } from '../streams';
import { GrantIssuer } from '../writes/grant-issuer';
import { RewardLookups } from '../writes/lookups';
import { RewardWrites } from '../writes/reward-writes';
import { actorOf, requireOwnBureau, writeContext } from './access';
import { Bureaus } from './bureaus';
import { renderCertificate } from './printables';
import { concurrency, recordBody, requireRecord } from './records';
import { grantBody, listQuery, reasonBody, recordId, yearQuery } from './schemas';

/** /api/v1/rewards/grants: spiritual and material rewards to members or units, revocation, certificates. */
@ApiTags('rewards')
@Controller('api/v1/rewards/grants')
export class GrantsController {
  constructor(
    private readonly writes: RewardWrites,
    private readonly issuer: GrantIssuer,
    private readonly lookups: RewardLookups,
    private readonly bureaus: Bureaus,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  /** 201 with the grant; the same recipient, ground and basis granted before is a 409. */
  @Post()
  @BureauAccess({ from: 'caller', roles: ['leading-group'], what: 'grant a reward' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(grantBody)
  async grant(@Body(new ZodPipe(grantBody)) body: z.infer<typeof grantBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { recipient, ground, basis } = body;
    const result = await this.issuer.grant({
      bureauId: p.bureauId,
      year: body.year,
      recipient,
      ground,
      basis,
      title: body.title,
      spiritual: body.spiritual,
      ...(body.material ? { material: body.material } : {}),
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      actor: actorOf(p),
      at: new Date().toISOString(),
      ...writeContext(p, req, 'grant'),
    });
    res.status(201).setHeader('Location', `/api/v1/rewards/grants/${result.grantId}`);
    return recordBody(result.state, result.revision, res);
  }

  @Get()
  @BureauAccess({ from: 'query', what: 'list grants' })
  async list(@Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const q = parseInput(listQuery, raw, '/query');
    const bureauId = q.bureauId ?? p.bureauId;
    const filter = { bureauId, ...(q.year ? { year: q.year } : {}), ...(q.status ? { status: q.status } : {}), ...(q.memberId ? { recipientKey: `member:${q.memberId}` } : {}) };
    const page = await this.views.collection<GrantView>(GRANTS).find(filter, { sort: { updatedAt: -1 }, limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) });
    return { items: page.items.map(({ _id: _k, ...g }) => g), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get(':grantId')
  @BureauAccess({ from: 'query', what: 'read a grant' })
  async get(@Param('grantId') raw: string, @Query() q: unknown, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.readable(raw, q, p);
    return recordBody(state, revision, res);
  }

  @Get(':grantId/certificate')
  @BureauAccess({ from: 'query', what: 'print a certificate' })
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async certificate(@Param('grantId') raw: string, @Query() q: unknown, @CurrentPrincipal() p: Principal): Promise<string> {
    const { state } = await this.readable(raw, q, p);
    const grant = state.grant!;
    const name = grant.recipient.type === 'member' ? (await this.lookups.member(grant.bureauId, grant.recipient.id))?.name : (await this.lookups.unit(grant.bureauId, grant.recipient.id))?.name;
    return renderCertificate(grant, name ?? grant.recipient.id, (await this.bureaus.get(grant.bureauId))?.name, state.revocation);
  }

  @Post(':grantId/revocation')
  @BureauAccess({ from: 'caller', roles: ['leading-group'], what: 'revoke a grant' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  async revoke(
    @Param('grantId') raw: string,
    @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>,
    @CurrentPrincipal() p: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const grantId = parseInput(recordId, raw, '/grantId');
    const { metadata, ...seed } = writeContext(p, req, `revoke|${grantId}`);
    const result = await this.writes.grants.handle({
      stream: grantStream(p.bureauId, grantId),
      initialState: () => initialGrantState(grantId),
      metadata: { ...metadata, reason: body.reason.trim().slice(0, 1000) },
      ...seed,
      ...concurrency(ifMatch),
      access: ({ revision, state }) => {
        requireRecord(revision, 'grant', grantId);
        requireOwnBureau(p, state.grant?.bureauId, 'revoke a grant');
      },
      command: { type: 'RevokeGrant', reason: body.reason, actor: actorOf(p), at: new Date().toISOString() },
    });
    return recordBody(result.state, result.revision, res);
  }

  private async readable(raw: string, q: unknown, p: Principal) {
    const grantId = parseInput(recordId, raw, '/grantId');
    const { bureauId = p.bureauId } = parseInput(yearQuery, q, '/query');
    const loaded = await this.lookups.grant(bureauId, grantId);
    requireRecord(loaded.revision, 'grant', grantId);
    return loaded;
  }
}
