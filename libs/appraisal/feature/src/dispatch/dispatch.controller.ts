import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { findMembersBehind, localDate, summarizeQuarter, type DispatchCommand, type Quarter } from '@pledgebook/appraisal-domain';
import { BureauAccess, CurrentPrincipal, etagFor, IdempotencyInterceptor, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { Directory } from '../context/directory';
import { partyBranch, requireBranchReader } from '../context/places';
import { APPRAISAL_CLOCK, withEtag, writeMeta, type Clock } from '../http/request';
import { dispatchBody, pathId, pathQuarter, pathYear } from '../http/schemas';
import { dispatchId } from '../streams';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';
import { DispatchFacts } from './dispatch-context';

/** The branch's quarterly dispatch (每季一调度): a meeting, the quarter's summary, the members behind and their reminder talks. */
@ApiTags('appraisal quarterly dispatch')
@Controller('api/v1/appraisals/bureaus/:bureauId/branches/:branchId/dispatches')
export class DispatchController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    private readonly facts: DispatchFacts,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  /** The summary and the members behind as they stand now, before the meeting (nothing is recorded). */
  @Get(':year/:quarter/preview')
  @BureauAccess({ from: 'param', write: false, what: 'preview a quarterly dispatch' })
  async preview(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal) {
    const { bureauId, branchId, year, quarter } = this.key(params);
    await partyBranch(this.directory, bureauId, branchId);
    await requireBranchReader(this.directory, p, branchId, 'preview a quarterly dispatch');
    const at = this.clock.now().toISOString();
    const context = await this.facts.of(bureauId, branchId, year, quarter, at, localDate(at));
    const facts = { year, quarter, roster: context.roster, groupIds: context.groupIds, statuses: context.statuses, progress: context.progress };
    return { bureauId, branchId, year, quarter, summary: summarizeQuarter(facts), membersBehind: findMembersBehind(facts), branchMembers: context.branchMembers };
  }

  @Post(':year/:quarter')
  @BureauAccess({ from: 'param', write: true, roles: ['branch-secretary'], what: 'hold a quarterly dispatch' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(dispatchBody)
  async hold(@Param() params: Record<string, string>, @Body(new ZodPipe(dispatchBody)) b: z.infer<typeof dispatchBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, branchId, year, quarter } = this.key(params);
    const id = dispatchId(bureauId, branchId, year, quarter);
    const at = this.clock.now().toISOString();
    const command = async (): Promise<DispatchCommand> => {
      await partyBranch(this.directory, bureauId, branchId);
      return {
        type: 'HoldQuarterlyDispatch',
        actor: await this.directory.actorOf(p),
        bureauId,
        branchId,
        year,
        quarter,
        meeting: b.meeting,
        leftOut: b.leftOut,
        context: await this.facts.of(bureauId, branchId, year, quarter, at, b.meeting.date, b.talkDueDays),
        at,
      };
    };
    const result: AppraisalWriteResult<'dispatch'> = await this.commands.execute(new DecideAppraisal('dispatch', id, command, writeMeta(p, req, 'hold-dispatch', id)));
    res.status(201).setHeader('Location', `/api/v1/appraisals/bureaus/${bureauId}/branches/${branchId}/dispatches/${year}/${quarter}`);
    return withEtag(res, result, { ...result.state.held, revision: result.revision });
  }

  @Get(':year/:quarter')
  @BureauAccess({ from: 'param', write: false, what: 'read a quarterly dispatch' })
  async get(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const { bureauId, branchId, year, quarter } = this.key(params);
    await requireBranchReader(this.directory, p, branchId, 'read a quarterly dispatch');
    const { state, revision } = await this.streams.load('dispatch', dispatchId(bureauId, branchId, year, quarter));
    if (state.status === 'none') throw notFound('quarterly_dispatch', `${branchId} ${year} Q${quarter}`);
    res.setHeader('ETag', etagFor(revision));
    return { ...state.held, revision };
  }

  private key(params: Record<string, string>) {
    return {
      bureauId: params.bureauId!,
      branchId: parseInput(pathId, params.branchId, '/branchId'),
      year: parseInput(pathYear, params.year, '/year'),
      quarter: parseInput(pathQuarter, params.quarter, '/quarter') as Quarter,
    };
  }
}
