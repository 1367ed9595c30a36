import { Body, Controller, Get, Headers, Param, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, IdempotencyInterceptor, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { currentPolicy } from '@pledgebook/reward-domain';
import type { Response } from 'express';
import type { z } from 'zod';
import { policyStream } from '../streams';
import { RewardWrites } from '../writes/reward-writes';
import { actorOf, requireOwnBureau, writeContext } from './access';
import { concurrency, recordBody, requireRecord } from './records';
import { policyBody, yearParam, yearQuery } from './schemas';

/** PUT/GET /api/v1/rewards/policies/{year}: the bureau's reward policy for a year, versioned. */
@ApiTags('rewards')
@Controller('api/v1/rewards/policies')
export class PoliciesController {
  constructor(
    private readonly writes: RewardWrites,
  ) {}

  @Put(':year')
  @BureauAccess({ from: 'caller', roles: ['leading-group'], what: 'set a reward policy' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(policyBody)
  async set(
    @Param('year') rawYear: string,
    @Body(new ZodPipe(policyBody)) body: z.infer<typeof policyBody>,
    @CurrentPrincipal() p: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const year = parseInput(yearParam, rawYear, '/year');
    const result = await this.writes.policies.handle({
      stream: policyStream(p.bureauId, year),
      ...writeContext(p, req, `policy|${year}`),
      ...concurrency(ifMatch),
      access: ({ state }) => requireOwnBureau(p, state.bureauId, 'set a reward policy'),
      command: { type: 'SetRewardPolicy', bureauId: p.bureauId, year, honours: body.honours, ...(body.note ? { note: body.note } : {}), actor: actorOf(p), at: new Date().toISOString() },
    });
    return recordBody({ bureauId: p.bureauId, year, current: currentPolicy(result.state), versions: result.state.versions.length }, result.revision, res);
  }

  @Get(':year')
  @BureauAccess({ from: 'query', what: 'read a reward policy' })
  async get(@Param('year') rawYear: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const year = parseInput(yearParam, rawYear, '/year');
    const { bureauId = p.bureauId } = parseInput(yearQuery, raw, '/query');
    const { state, revision } = await this.writes.policies.load(policyStream(bureauId, year));
    requireRecord(revision, 'reward_policy', `${bureauId}/${year}`);
    return recordBody({ bureauId, year, current: currentPolicy(state), versions: state.versions }, revision, res);
  }
}
