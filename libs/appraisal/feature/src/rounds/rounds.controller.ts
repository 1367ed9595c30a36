import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Half, type RoundCommand, type RoundState } from '@pledgebook/appraisal-domain';
import { BureauAccess, CurrentPrincipal, etagFor, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { all } from '../context/all';
import { Directory } from '../context/directory';
import { publishedBy, roundSubjects } from '../context/rosters';
import { ScoringFacts } from '../context/scoring-facts';
import { APPRAISAL_CLOCK, ifMatchOf, noBody, withEtag, writeMeta, type Clock } from '../http/request';
import { adjustmentBody, enterScoreBody, noticeBody, openRoundBody, pathCriterion, pathHalf, pathId, pathYear, reasonBody, yearQuery } from '../http/schemas';
import { roundId, schemeId } from '../streams';
import { ROUNDS, type RoundView } from '../views/names';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';
import { roundBody } from './round-body';
import { RoundContext } from './round-context';

const OFFICE = ['appraisal-office', 'system-admin'];

/** The half-year round (半年考核): opened on a published scheme, scored, put on public notice, final. */
@ApiTags('appraisal rounds')
@Controller('api/v1/appraisals/bureaus/:bureauId/rounds')
export class RoundsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    private readonly rounds: RoundContext,
    private readonly facts: ScoringFacts,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  /** Opens the official round of a half on a published scheme version, with the snapshot of its subjects. */
  @Post()
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'open an appraisal round' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(openRoundBody)
  async open(@Param('bureauId') bureauId: string, @Body(new ZodPipe(openRoundBody)) b: z.infer<typeof openRoundBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const id = roundId(bureauId, b.year, b.half);
    const at = this.clock.now().toISOString();
    const command = async (): Promise<RoundCommand> => {
      const [{ actor, context }, scheme, members, books] = await Promise.all([
        this.rounds.office(p, bureauId, b.year),
        this.streams.load('scheme', schemeId(bureauId, b.year, b.schemeVersion)),
        this.directory.members(bureauId),
        this.directory.publishedBooks(bureauId, b.year),
      ]);
      if (scheme.state.status === 'none') throw notFound('scheme', `${b.year} v${b.schemeVersion}`);
      return { type: 'OpenRound', actor, bureauId, year: b.year, half: b.half, context: { ...context, scheme: scheme.state, subjects: roundSubjects(members, publishedBy(books, at), b.year, b.half) }, at };
    };
    const result: AppraisalWriteResult<'round'> = await this.commands.execute(new DecideAppraisal('round', id, command, writeMeta(p, req, 'open-round', id)));
    res.status(201).setHeader('Location', `/api/v1/appraisals/bureaus/${bureauId}/rounds/${b.year}/${b.half}`);
    return withEtag(res, result, roundBody(result.state, result.revision, { office: true }));
  }

  @Get()
  @BureauAccess({ from: 'param', write: false, what: 'list appraisal rounds' })
  async list(@Param('bureauId') bureauId: string, @Query() raw: unknown) {
    const { year } = parseInput(yearQuery, raw, '/query');
    const rounds = await all<RoundView>(this.views, ROUNDS, { bureauId, ...(year ? { year } : {}) }, { year: -1, half: -1 });
    return { bureauId, items: rounds.map(({ _id: _key, ...r }) => r) };
  }

  @Get(':year/:half')
  @BureauAccess({ from: 'param', write: false, what: 'read an appraisal round' })
  async get(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year, half } = this.key(params);
    const { state, revision } = await this.streams.load('round', roundId(bureauId, year, half));
    if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    const office = (await this.directory.officeStaff(bureauId, year)).includes(p.subject);
    res.setHeader('ETag', etagFor(revision));
    return roundBody(state, revision, { office });
  }

  /** Scores the computed criteria (and a bonus computed from research works) from the events: every subject while scoring; the members being rescored on notice. */
  @Post(':year/:half/computed-scores')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'score computed criteria' })
  @UseInterceptors(IdempotencyInterceptor)
  async compute(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    noBody(req);
    const { bureauId, year, half } = this.key(params);
    return this.decide(params, 'score-computed', p, req, res, async (state, at) => {
      const memberIds = state.status === 'scoring' ? Object.keys(state.subjects) : Object.values(state.results).filter((r) => r.status === 'rescoring').map((r) => r.memberId);
      const { actor, context } = await this.rounds.office(p, bureauId, year);
      const research = state.scheme?.bonuses.some((b) => b.research !== undefined) ?? false;
      return { type: 'ScoreComputedCriteria', actor, context: { ...context, facts: await this.facts.of(bureauId, year, half, memberIds, { research }) }, at };
    });
  }

  @Put(':year/:half/members/:memberId/scores/:criterionId')
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'enter a score' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(enterScoreBody)
  async enter(@Param() params: Record<string, string>, @Body(new ZodPipe(enterScoreBody)) b: { points: number; note: string }, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { memberId, itemId } = this.member(params, 'criterionId');
    return this.decide(params, `enter-score|${memberId}|${itemId}`, p, req, res, async (_s, at) => ({ type: 'EnterScore', ...(await this.office(p, params)), memberId, criterionId: itemId, points: b.points, note: b.note, at }));
  }

  @Put(':year/:half/members/:memberId/bonuses/:bonusId')
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'award a bonus' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(adjustmentBody)
  async bonus(@Param() params: Record<string, string>, @Body(new ZodPipe(adjustmentBody)) b: { points: number; reason: string }, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { memberId, itemId } = this.member(params, 'bonusId');
    return this.decide(params, `bonus|${memberId}|${itemId}`, p, req, res, async (_s, at) => ({ type: 'AwardBonus', ...(await this.office(p, params)), memberId, bonusId: itemId, points: b.points, reason: b.reason, at }), b.reason);
  }

  @Put(':year/:half/members/:memberId/deductions/:deductionId')
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'record a deduction' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(adjustmentBody)
  async deduction(@Param() params: Record<string, string>, @Body(new ZodPipe(adjustmentBody)) b: { points: number; reason: string }, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { memberId, itemId } = this.member(params, 'deductionId');
    return this.decide(params, `deduction|${memberId}|${itemId}`, p, req, res, async (_s, at) => ({ type: 'RecordDeduction', ...(await this.office(p, params)), memberId, deductionId: itemId, points: b.points, reason: b.reason, at }), b.reason);
  }

  @Post(':year/:half/members/:memberId/vetoes/:vetoId')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'record a one-vote veto' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  async veto(@Param() params: Record<string, string>, @Body(new ZodPipe(reasonBody)) b: { reason: string }, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { memberId, itemId } = this.member(params, 'vetoId');
    return this.decide(params, `veto|${memberId}|${itemId}`, p, req, res, async (_s, at) => ({ type: 'RecordVeto', ...(await this.office(p, params)), memberId, vetoId: itemId, reason: b.reason, at }), b.reason);
  }

  @Post(':year/:half/members/:memberId/vetoes/:vetoId/lift')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'lift a one-vote veto' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  async liftVeto(@Param() params: Record<string, string>, @Body(new ZodPipe(reasonBody)) b: { reason: string }, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { memberId, itemId } = this.member(params, 'vetoId');
    return this.decide(params, `lift-veto|${memberId}|${itemId}`, p, req, res, async (_s, at) => ({ type: 'LiftVeto', ...(await this.office(p, params)), memberId, vetoId: itemId, reason: b.reason, at }), b.reason);
  }

  /** Every subject's points and grade go on public notice (公示) for `workingDays` working days (5 by convention). */
  @Post(':year/:half/notice')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'put results on notice' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(noticeBody)
  async notice(@Param() params: Record<string, string>, @Body(new ZodPipe(noticeBody)) b: z.infer<typeof noticeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year } = this.key(params);
    return this.decide(params, 'notice', p, req, res, async (_s, at) => ({ type: 'PutResultsOnNotice', ...(await this.rounds.notice(p, bureauId, year, at, b.workingDays)), at }));
  }

  /** The rescored members (and anyone the regrading moved) go on a new notice. */
  @Post(':year/:half/renewed-notice')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'renew the notice' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(noticeBody)
  async renew(@Param() params: Record<string, string>, @Body(new ZodPipe(noticeBody)) b: z.infer<typeof noticeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year } = this.key(params);
    return this.decide(params, 'renew-notice', p, req, res, async (_s, at) => ({ type: 'RenewNotice', ...(await this.rounds.notice(p, bureauId, year, at, b.workingDays)), at }));
  }

  /** Final once every notice is over and no objection is open (the worker also finalizes such rounds by itself). */
  @Post(':year/:half/finalize')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'finalize a round' })
  @UseInterceptors(IdempotencyInterceptor)
  async finalize(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    noBody(req);
    return this.decide(params, 'finalize', p, req, res, async (_s, at) => ({ type: 'FinalizeRound', ...(await this.office(p, params)), at }));
  }

  private key(params: Record<string, string>) {
    return { bureauId: params.bureauId!, year: parseInput(pathYear, params.year, '/year'), half: parseInput(pathHalf, params.half, '/half') as Half };
  }

  private member(params: Record<string, string>, item: string) {
    return { memberId: parseInput(pathId, params.memberId, '/memberId'), itemId: parseInput(pathCriterion, params[item], `/${item}`) };
  }

  private office(p: Principal, params: Record<string, string>) {
    const { bureauId, year } = this.key(params);
    return this.rounds.office(p, bureauId, year);
  }

  private async decide(params: Record<string, string>, step: string, p: Principal, req: AuthenticatedRequest, res: Response, build: (state: RoundState, at: string) => Promise<RoundCommand>, reason?: string) {
    const { bureauId, year, half } = this.key(params);
    const id = roundId(bureauId, year, half);
    const at = this.clock.now().toISOString();
    const expectedRevision = ifMatchOf(req);
    const access = ({ state }: { state: RoundState }) => {
      if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    };
    const result: AppraisalWriteResult<'round'> = await this.commands.execute(
      new DecideAppraisal('round', id, ({ state }) => build(state, at), writeMeta(p, req, step, id, reason ? { reason } : {}), { access, ...(expectedRevision !== undefined ? { expectedRevision } : {}) }),
    );
    return withEtag(res, result, roundBody(result.state, result.revision, { office: true }));
  }
}
