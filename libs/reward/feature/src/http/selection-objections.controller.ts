import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, deterministicId, idempotencyKeyOf, IdempotencyInterceptor, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { SelectionCommand } from '@pledgebook/reward-domain';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { RewardWrites } from '../writes/reward-writes';
import { actorOf } from './access';
import { objectionDecisionBody, recordId, selectionObjectionBody } from './schemas';
import { changeSelection } from './selection-change';

/**
 * Objections while a decided selection is on notice (ADR 0084): anyone in the bureau objects to a
 * selected member; the leading group dismisses or upholds with a reason, and the announcement
 * waits until every objection is decided.
 */
@ApiTags('rewards')
@Controller('api/v1/rewards/selections/:selectionId/objections')
export class SelectionObjectionsController {
  constructor(private readonly writes: RewardWrites) {}

  @Post()
  @BureauAccess({ from: 'aggregate', what: 'object to a selection' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(selectionObjectionBody)
  async raise(
    @Param('selectionId') id: string,
    @Body(new ZodPipe(selectionObjectionBody)) body: z.infer<typeof selectionObjectionBody>,
    @CurrentPrincipal() p: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const key = idempotencyKeyOf(req);
    // With an Idempotency-Key the objection's id follows from it: a retry raises the same objection.
    const objectionId = key ? deterministicId(`selection-objection|${p.bureauId}|${p.subject}|${id}|${key}`) : newId();
    const result = await this.change(id, p, req, res, ifMatch, 'object', { type: 'RaiseSelectionObjection', objectionId, memberId: body.memberId, text: body.text, actor: actorOf(p), at: new Date().toISOString() });
    res.status(201).setHeader('Location', `/api/v1/rewards/selections/${id}`);
    return { objectionId, ...result };
  }

  @Post(':objectionId/decision')
  @BureauAccess({ from: 'aggregate', what: 'decide an objection to a selection' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(objectionDecisionBody)
  decide(
    @Param('selectionId') id: string,
    @Param('objectionId') rawObjection: string,
    @Body(new ZodPipe(objectionDecisionBody)) body: z.infer<typeof objectionDecisionBody>,
    @CurrentPrincipal() p: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const objectionId = parseInput(recordId, rawObjection, '/objectionId');
    return this.change(id, p, req, res, ifMatch, `decide-objection|${objectionId}`, {
      type: 'DecideSelectionObjection',
      objectionId,
      outcome: body.outcome,
      reason: body.reason,
      actor: actorOf(p),
      at: new Date().toISOString(),
    });
  }

  private change(raw: string, p: Principal, req: AuthenticatedRequest, res: Response, ifMatch: string | undefined, what: string, command: SelectionCommand) {
    return changeSelection(this.writes, raw, p, req, res, ifMatch, what, () => command);
  }
}
