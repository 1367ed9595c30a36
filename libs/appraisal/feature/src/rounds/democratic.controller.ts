import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { lastDayOfHalf, tallyBallots, type BallotCodeEvent, type Half, type RoundCommand, type RoundState } from '@pledgebook/appraisal-domain';
import type { EventStore } from '@pledgebook/event-store';
import { BureauAccess, CurrentPrincipal, EVENT_STORE, IdempotencyInterceptor, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { ballotCodeHash, newBallotCode } from '../ballots/ballot-codes';
import { renderBallotSlips } from '../ballots/ballot-slips';
import { Directory, placementOn } from '../context/directory';
import { requireOfficeReader } from '../http/access';
import { APPRAISAL_CLOCK, noBody, withEtag, writeMeta, type Clock } from '../http/request';
import { issueCodesBody, issueCodesQuery, pathHalf, pathYear, peerTallyBody, selfAssessmentBody } from '../http/schemas';
import { ballotId, roundId, STREAM_PREFIXES } from '../streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';
import { roundBody } from './round-body';
import { RoundContext } from './round-context';
import { RoundReader } from './round-reader';

const OFFICE = ['appraisal-office', 'system-admin'];

/** Democratic evaluation (民主测评): self-assessment, peers within the party group, the masses by one-time codes — counts only. */
@ApiTags('appraisal democratic evaluation')
@Controller('api/v1/appraisals/bureaus/:bureauId/rounds/:year/:half')
export class DemocraticController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: Directory,
    private readonly rounds: RoundContext,
    private readonly reader: RoundReader,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  /** The member's own rating of themselves, once. */
  @Post('self-assessment')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, what: 'assess yourself' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(selfAssessmentBody)
  async self(@Param() params: Record<string, string>, @Body(new ZodPipe(selfAssessmentBody)) b: z.infer<typeof selfAssessmentBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.decide(params, 'self-assessment', p, req, res, async (_s, at) => ({ type: 'RecordSelfAssessment', actor: await this.directory.actorOf(p), rating: b.rating, at }), false);
  }

  /** The peers' ballots of one party group, counted at its meeting and entered by the office. */
  @Post('peer-tallies')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'record a peer tally' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(peerTallyBody)
  async peers(@Param() params: Record<string, string>, @Body(new ZodPipe(peerTallyBody)) b: z.infer<typeof peerTallyBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year, half } = this.key(params);
    return this.decide(params, `peer-tally|${b.groupId}`, p, req, res, async (_s, at) => {
      const { actor, context } = await this.rounds.office(p, bureauId, year);
      const day = [lastDayOfHalf(year, half), at.slice(0, 10)].sort()[0]!;
      const groupMembers = (await this.directory.members(bureauId)).filter((m) => placementOn(m, day)?.groupId === b.groupId).length;
      return { type: 'RecordPeerTally', actor, context: { ...context, groupMembers }, groupId: b.groupId, tallies: b.tallies, at };
    });
  }

  /**
   * Issues one-time codes for the masses' evaluation, shown once (`?format=html`: slips to print
   * and hand out). Only each code's hash is stored; nothing links a code to a person.
   */
  @Post('ballot-codes')
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'issue ballot codes' })
  @UseInterceptors(IdempotencyInterceptor)
  @ApiProduces('application/json', 'text/html')
  @ZodApiBody(issueCodesBody)
  async issue(@Param() params: Record<string, string>, @Query() raw: unknown, @Body(new ZodPipe(issueCodesBody)) b: z.infer<typeof issueCodesBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year, half } = this.key(params);
    const { format } = parseInput(issueCodesQuery, raw, '/query');
    const round = await this.reader.load(bureauId, year, half);
    if (round.state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    const { actor, context } = await this.rounds.office(p, bureauId, year);
    const at = this.clock.now().toISOString();
    const codes: string[] = [];
    for (let i = 0; i < b.count; i += 1) {
      const code = newBallotCode();
      const codeHash = ballotCodeHash(code);
      const meta = writeMeta(p, req, `issue-code|${i}`, ballotId(bureauId, codeHash));
      await this.commands.execute(new DecideAppraisal('ballot', ballotId(bureauId, codeHash), { type: 'IssueBallotCode', actor, codeHash, bureauId, year, half, context: { ...context, roundStatus: round.state.status }, at }, meta));
      codes.push(code);
    }
    res.status(201);
    const castPath = '/api/v1/appraisals/ballots';
    if (format === 'html') {
      res.type('text/html; charset=utf-8');
      return renderBallotSlips((await this.directory.bureau(bureauId))?.name ?? bureauId, year, half, castPath, codes);
    }
    return { bureauId, year, half, count: codes.length, castPath, codes };
  }

  /** Counts the ballots cast with the round's codes and records the counts in the round, once. */
  @Post('masses-tally')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'record the masses’ tally' })
  @UseInterceptors(IdempotencyInterceptor)
  async masses(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    noBody(req);
    const { bureauId, year, half } = this.key(params);
    return this.decide(params, 'masses-tally', p, req, res, async (_s, at) => {
      const { actor, context } = await this.rounds.office(p, bureauId, year);
      const { ballots, tallies } = tallyBallots(await this.ballots(bureauId, year, half));
      return { type: 'RecordMassesTally', actor, context, ballots, tallies, at };
    });
  }

  /** The counts so far (the office's view of the evaluation): self-assessments, peers per member, the masses' counts. */
  @Get('tallies')
  @BureauAccess({ from: 'param', write: false, what: 'read the evaluation tallies' })
  async tallies(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal) {
    const { bureauId, year, half } = this.key(params);
    requireOfficeReader(p, await this.directory.officeStaff(bureauId, year), year, 'read the evaluation tallies');
    const { state } = await this.reader.load(bureauId, year, half);
    if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    const cast = tallyBallots(await this.ballots(bureauId, year, half));
    return { bureauId, year, half, self: state.self, peers: state.peers, peerGroups: state.peerGroups, masses: state.masses, massBallots: state.massBallots ?? null, ballotsCastSoFar: cast.ballots };
  }

  /** Every ballot cast with a code of this round (anonymous: a ballot names no voter). */
  private async ballots(bureauId: string, year: number, half: Half) {
    const ballots: Array<Extract<BallotCodeEvent, { type: 'BallotCast' }>['data']> = [];
    for (let after: number | undefined; ; ) {
      const page = await this.events.readAll({ ...(after !== undefined ? { after } : {}), maxCount: 1000, filter: { streamPrefixes: [`${STREAM_PREFIXES.ballot}${bureauId}.`], eventTypes: ['BallotCast'] } });
      for (const e of page.events) {
        const data = e.data as Extract<BallotCodeEvent, { type: 'BallotCast' }>['data'];
        if (data.year === year && data.half === half) ballots.push(data);
      }
      if (page.lastPosition === undefined || page.lastPosition === after) break;
      after = page.lastPosition;
    }
    return ballots;
  }

  private key(params: Record<string, string>) {
    return { bureauId: params.bureauId!, year: parseInput(pathYear, params.year, '/year'), half: parseInput(pathHalf, params.half, '/half') as Half };
  }

  private async decide(params: Record<string, string>, step: string, p: Principal, req: AuthenticatedRequest, res: Response, build: (state: RoundState, at: string) => Promise<RoundCommand>, office = true) {
    const { bureauId, year, half } = this.key(params);
    const id = roundId(bureauId, year, half);
    const at = this.clock.now().toISOString();
    const access = ({ state }: { state: RoundState }) => {
      if (state.status === 'none') throw notFound('appraisal_round', `${year} ${half}`);
    };
    const result: AppraisalWriteResult<'round'> = await this.commands.execute(new DecideAppraisal('round', id, ({ state }) => build(state, at), writeMeta(p, req, step, id), { access }));
    return withEtag(res, result, roundBody(result.state, result.revision, { office }));
  }
}
