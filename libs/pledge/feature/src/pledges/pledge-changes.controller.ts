import { Body, Controller, Headers, HttpCode, Inject, Param, Patch, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  BadInput,
  BureauAccess,
  CurrentPrincipal,
  deterministicId,
  etagFor,
  EVIDENCE_FILES,
  expectedRevisionFrom,
  idempotencyKeyOf,
  IdempotencyInterceptor,
  metaFromPrincipal,
  parseInput,
  requestCorrelationId,
  ZodApiBody,
  ZodPipe,
  type AuthenticatedRequest,
  type EvidenceFiles,
  type Principal,
} from '@pledgebook/nest';
import type { PledgeState } from '@pledgebook/pledge-domain';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { actorOf, requireBureau } from '../http/access';
import { pathId, progressBody, revisePledgeBody, withdrawBody } from '../http/schemas';
import { ChangePledge, type ExistingPledgeCommand, type PledgeWriteResult } from './pledge.commands';

/** Changes to a pledge book: revise, submit, withdraw, record progress — each through the one write path. */
@ApiTags('pledges')
@Controller('api/v1/pledges')
export class PledgeChangesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVIDENCE_FILES) private readonly evidence: EvidenceFiles,
  ) {}

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
    const recordId = key ? deterministicId(`record|${p.bureauId}|${p.subject}|${key}`) : newId();
    const { corrects, attachments, ...fields } = body;
    // Every file named must have been uploaded whole, of the size and type the record says (422 naming it otherwise).
    await this.evidence.requireStored(attachments ?? [], 'attachments');
    const record = { ...fields, ...(attachments?.length ? { attachments } : {}) };
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

}
