import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, deterministicId, idempotencyKeyOf, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { currentScheme, initialResearchWorkState, researchTotals, type ResearchWorkCommand } from '@pledgebook/reward-domain';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { all } from '../projections/all';
import { RESEARCH_WORKS, type ResearchWorkView } from '../projections/views';
import { researchSchemeStream, researchWorkStream } from '../streams';
import { RewardLookups } from '../writes/lookups';
import { RewardWrites } from '../writes/reward-writes';
import { actorOf, requireOwnBureau, writeContext } from './access';
import { Bureaus } from './bureaus';
import { concurrency, recordBody, requireRecord } from './records';
import { listQuery, rateWorkBody, reasonBody, recordId, schemeBody, submitWorkBody, yearParam, yearQuery } from './schemas';

/** /api/v1/rewards/research: the research reward scheme (統計信息、分析調研獎勵辦法), works, ratings, yearly totals. */
@ApiTags('rewards')
@Controller('api/v1/rewards/research')
export class ResearchController {
  constructor(
    private readonly writes: RewardWrites,
    private readonly lookups: RewardLookups,
    private readonly bureaus: Bureaus,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Put('schemes/:year')
  @BureauAccess({ from: 'caller', roles: ['leading-group'], what: 'set the research scheme' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(schemeBody)
  async setScheme(
    @Param('year') rawYear: string,
    @Body(new ZodPipe(schemeBody)) body: z.infer<typeof schemeBody>,
    @CurrentPrincipal() p: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const year = parseInput(yearParam, rawYear, '/year');
    const result = await this.writes.schemes.handle({
      stream: researchSchemeStream(p.bureauId, year),
      ...writeContext(p, req, `scheme|${year}`),
      ...concurrency(ifMatch),
      command: { type: 'SetResearchScheme', bureauId: p.bureauId, year, categories: body.categories, appraisalBonus: body.appraisalBonus, ...(body.note ? { note: body.note } : {}), actor: actorOf(p), at: new Date().toISOString() },
    });
    return recordBody({ bureauId: p.bureauId, year, current: currentScheme(result.state), versions: result.state.versions.length }, result.revision, res);
  }

  @Get('schemes/:year')
  @BureauAccess({ from: 'query', what: 'read a research scheme' })
  async scheme(@Param('year') rawYear: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const year = parseInput(yearParam, rawYear, '/year');
    const { bureauId = p.bureauId } = parseInput(yearQuery, raw, '/query');
    const { state, revision } = await this.writes.schemes.load(researchSchemeStream(bureauId, year));
    requireRecord(revision, 'research_scheme', `${bureauId}/${year}`);
    return recordBody({ bureauId, year, current: currentScheme(state), versions: state.versions }, revision, res);
  }

  @Post('works')
  @BureauAccess({ from: 'caller', what: 'submit a research work' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(submitWorkBody)
  async submit(@Body(new ZodPipe(submitWorkBody)) body: z.infer<typeof submitWorkBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const key = idempotencyKeyOf(req);
    const workId = key ? deterministicId(`research-work|${p.bureauId}|${p.subject}|${key}`) : newId();
    const result = await this.writes.works.handle({
      stream: researchWorkStream(workId),
      initialState: () => initialResearchWorkState(workId),
      ...writeContext(p, req, 'submit-work'),
      command: async () => {
        const unknownAuthors: string[] = [];
        for (const author of body.authors) if (!(await this.lookups.member(p.bureauId, author))) unknownAuthors.push(author);
        const scheme = await this.lookups.scheme(p.bureauId, body.year);
        return {
          type: 'SubmitResearchWork' as const,
          workId,
          bureauId: p.bureauId,
          year: body.year,
          title: body.title,
          categoryId: body.categoryId,
          authors: body.authors,
          evidence: body.evidence,
          ...(body.summary !== undefined ? { summary: body.summary } : {}),
          actor: actorOf(p),
          at: new Date().toISOString(),
          ...(scheme ? { scheme } : {}),
          unknownAuthors,
        };
      },
    });
    res.status(201).setHeader('Location', `/api/v1/rewards/research/works/${workId}`);
    return recordBody(result.state, result.revision, res);
  }

  @Get('works')
  @BureauAccess({ from: 'query', what: 'list research works' })
  async works(@Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const q = parseInput(listQuery, raw, '/query');
    const bureauId = q.bureauId ?? p.bureauId;
    const filter = { bureauId, ...(q.year ? { year: q.year } : {}), ...(q.status ? { status: q.status } : {}), ...(q.memberId ? { authors: q.memberId } : {}) };
    const page = await this.views.collection<ResearchWorkView>(RESEARCH_WORKS).find(filter, { sort: { updatedAt: -1 }, limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) });
    return { items: page.items.map(({ _id: _k, ...w }) => w), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /** Each member's rated works, fen and bonus points in a year. */
  @Get('totals')
  @BureauAccess({ from: 'query', what: 'read research totals' })
  async totals(@Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const { year, bureauId = p.bureauId } = parseInput(yearQuery.required({ year: true }), raw, '/query');
    const rated = await all<ResearchWorkView>(this.views, RESEARCH_WORKS, { bureauId, year, status: 'rated' });
    const totals = researchTotals(
      rated.map((w) => ({ workId: w.workId, year: w.year!, shares: w.rating!.shares, ...(w.rating!.bonusPoints !== undefined ? { bonusPoints: w.rating!.bonusPoints } : {}) })),
      year,
    );
    const named = [];
    for (const t of totals) named.push({ ...t, name: (await this.lookups.member(bureauId, t.memberId))?.name ?? t.memberId });
    return { bureauId, year, members: named };
  }

  @Get('works/:workId')
  @BureauAccess({ from: 'aggregate', what: 'read a research work' })
  async work(@Param('workId') raw: string, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const workId = parseInput(recordId, raw, '/workId');
    const { state, revision } = await this.writes.works.load(researchWorkStream(workId), { initialState: () => initialResearchWorkState(workId) });
    requireRecord(revision, 'research_work', workId);
    await this.bureaus.requireReadable(p, state.bureauId!, 'read a research work');
    return recordBody(state, revision, res);
  }

  @Post('works/:workId/rating')
  @BureauAccess({ from: 'aggregate', what: 'rate a research work' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(rateWorkBody)
  rate(@Param('workId') id: string, @Body(new ZodPipe(rateWorkBody)) body: z.infer<typeof rateWorkBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, p, req, res, ifMatch, 'rate', async (year) => {
      const scheme = await this.lookups.scheme(p.bureauId, year);
      return { type: 'RateResearchWork', levelId: body.levelId, ...(body.comment !== undefined ? { comment: body.comment } : {}), actor: actorOf(p), at: new Date().toISOString(), ...(scheme ? { scheme } : {}) };
    });
  }

  @Post('works/:workId/decline')
  @BureauAccess({ from: 'aggregate', what: 'decline a research work' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  decline(@Param('workId') id: string, @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Headers('if-match') ifMatch?: string) {
    return this.change(id, p, req, res, ifMatch, 'decline', () => ({ type: 'DeclineResearchWork', reason: body.reason, actor: actorOf(p), at: new Date().toISOString() }));
  }

  private async change(raw: string, p: Principal, req: AuthenticatedRequest, res: Response, ifMatch: string | undefined, what: string, command: (year: number) => Promise<ResearchWorkCommand> | ResearchWorkCommand) {
    const workId = parseInput(recordId, raw, '/workId');
    const result = await this.writes.works.handle({
      stream: researchWorkStream(workId),
      initialState: () => initialResearchWorkState(workId),
      ...writeContext(p, req, `${what}|${workId}`),
      ...concurrency(ifMatch),
      access: ({ revision, state }) => {
        requireRecord(revision, 'research_work', workId);
        requireOwnBureau(p, state.bureauId, `${what} a research work`);
      },
      command: ({ state }) => command(state.year!),
    });
    return recordBody(result.state, result.revision, res);
  }
}
