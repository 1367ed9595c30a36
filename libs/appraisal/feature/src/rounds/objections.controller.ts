import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Half, RoundCommand, RoundState } from '@pledgebook/appraisal-domain';
import { BureauAccess, CurrentPrincipal, deterministicId, etagFor, idempotencyKeyOf, IdempotencyInterceptor, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { newId, notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { Directory } from '../context/directory';
import { requireOfficeReader } from '../http/access';
import { APPRAISAL_CLOCK, withEtag, writeMeta, type Clock } from '../http/request';
import { objectionBody, pathHalf, pathId, pathYear, reasonBody } from '../http/schemas';
import { roundId } from '../streams';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';
import { roundBody } from './round-body';
import { RoundContext } from './round-context';

const OFFICE = ['appraisal-office', 'system-admin'];

/**
 * Objections (异议) during the public notice: anyone in the bureau may raise one; who raised it
 * and what it says are for the appraisal office only. The office dismisses with a reason, or
 * upholds it and rescores the member, whose result then goes on a renewed notice.
 */
@ApiTags('appraisal objections')
@Controller('api/v1/appraisals/bureaus/:bureauId/rounds/:year/:half/objections')
export class ObjectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    private readonly rounds: RoundContext,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @BureauAccess({ from: 'param', write: true, what: 'object to a result on notice' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(objectionBody)
  async raise(@Param() params: Record<string, string>, @Body(new ZodPipe(objectionBody)) b: z.infer<typeof objectionBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year, half } = this.key(params);
    const key = idempotencyKeyOf(req);
    // With an Idempotency-Key the id follows from it: a retried objection is the same objection.
    const objectionId = key ? deterministicId(`objection|${roundId(bureauId, year, half)}|${p.subject}|${key}`) : newId();
    // The objector is named only under the event's `restricted` data, never in its metadata (which timelines show).
    await this.decide(params, 'objection', p, req, async (_s, at) => ({ type: 'RaiseObjection', actor: await this.directory.actorOf(p), objectionId, memberId: b.memberId, text: b.text, at }), undefined, { actorId: 'withheld', actorRole: 'member' });
    res.status(201);
    // The objector learns the objection's id and state; the notice shows nobody's objections.
    return { objectionId, memberId: b.memberId, status: 'open' };
  }

  /** The objections with their objectors and texts: for the round year's appraisal office staff only. */
  @Get()
  @BureauAccess({ from: 'param', write: false, what: 'read the objections' })
  async list(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year, half } = this.key(params);
    const staff = await this.directory.officeStaff(bureauId, year);
    if (!staff.includes(p.subject) && !p.roles.includes('system-admin')) requireOfficeReader(p, [], year, 'read the objections');
    if (!staff.includes(p.subject) && p.roles.includes('auditor')) return this.withheld(bureauId, year, half);
    const { state, revision } = await this.streams.load('round', roundId(bureauId, year, half));
    if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    res.setHeader('ETag', etagFor(revision));
    return { bureauId, year, half, items: Object.values(state.objections).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt)) };
  }

  @Post(':objectionId/dismiss')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'dismiss an objection' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  async dismiss(@Param() params: Record<string, string>, @Body(new ZodPipe(reasonBody)) b: z.infer<typeof reasonBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const objectionId = parseInput(pathId, params.objectionId, '/objectionId');
    const { bureauId, year } = this.key(params);
    const result = await this.decide(params, `dismiss|${objectionId}`, p, req, async (_s, at) => ({ type: 'DismissObjection', ...(await this.rounds.office(p, bureauId, year)), objectionId, reason: b.reason, at }), b.reason);
    return withEtag(res, result, roundBody(result.state, result.revision, { office: true }));
  }

  /** Upholds the objection: the member's result is rescored (enter scores again), then goes on a renewed notice. */
  @Post(':objectionId/uphold')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'uphold an objection' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  async uphold(@Param() params: Record<string, string>, @Body(new ZodPipe(reasonBody)) b: z.infer<typeof reasonBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const objectionId = parseInput(pathId, params.objectionId, '/objectionId');
    const { bureauId, year } = this.key(params);
    const result = await this.decide(params, `uphold|${objectionId}`, p, req, async (_s, at) => ({ type: 'UpholdObjection', ...(await this.rounds.office(p, bureauId, year)), objectionId, reason: b.reason, at }), b.reason);
    return withEtag(res, result, roundBody(result.state, result.revision, { office: true }));
  }

  /** An auditor sees that objections exist and how they were decided, not who raised them or what they say. */
  private async withheld(bureauId: string, year: number, half: Half) {
    const { state } = await this.streams.load('round', roundId(bureauId, year, half));
    if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    return { bureauId, year, half, items: Object.values(state.objections).map(({ objectorId: _o, text: _t, ...o }) => ({ ...o, withheld: 'restricted' })) };
  }

  private key(params: Record<string, string>) {
    return { bureauId: params.bureauId!, year: parseInput(pathYear, params.year, '/year'), half: parseInput(pathHalf, params.half, '/half') as Half };
  }

  private async decide(params: Record<string, string>, step: string, p: Principal, req: AuthenticatedRequest, build: (state: RoundState, at: string) => Promise<RoundCommand>, reason?: string, who: { actorId?: string; actorRole?: string } = {}): Promise<AppraisalWriteResult<'round'>> {
    const { bureauId, year, half } = this.key(params);
    const id = roundId(bureauId, year, half);
    const at = this.clock.now().toISOString();
    const access = ({ state }: { state: RoundState }) => {
      if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    };
    return this.commands.execute(new DecideAppraisal('round', id, ({ state }) => build(state, at), { ...writeMeta(p, req, step, id, reason ? { reason } : {}), ...who }, { access }));
  }
}
