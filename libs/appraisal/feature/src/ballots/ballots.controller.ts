import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RATING_LABELS, type BallotCodeState } from '@pledgebook/appraisal-domain';
import { BureauAccess, Public, ZodApiBody, ZodPipe } from '@pledgebook/nest';
import { newId, notFound } from '@pledgebook/util';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { Directory } from '../context/directory';
import { APPRAISAL_CLOCK, type Clock } from '../http/request';
import { ballotFormBody, castBallotBody } from '../http/schemas';
import { RoundReader } from '../rounds/round-reader';
import { ballotId } from '../streams';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal } from '../write/decide-appraisal';
import { ballotCodeHash } from './ballot-codes';
import { BallotRateLimiter } from './ballot-rate-limit';

/**
 * The masses' evaluation (群众评议) without an account: a one-time code handed out on paper opens
 * the ballot and casts it once. Nothing here records who sent it: the ballot's event names no
 * person and carries a correlation id of its own. The code is the credential: the bureau named in
 * the body only says where to look it up, so no bureau is checked against a caller.
 */
@ApiTags('appraisal ballots (no account)')
@Controller('api/v1/appraisals/ballots')
export class BallotsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly reader: RoundReader,
    private readonly directory: Directory,
    private readonly limiter: BallotRateLimiter,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  /** The ballot a code opens: whom to rate and on which scale (404 for an unknown code, 409 for a used one). */
  @Post('form')
  @HttpCode(200)
  @Public()
  @BureauAccess({ from: 'public', what: 'open a ballot with a one-time code' })
  @ZodApiBody(ballotFormBody)
  async form(@Body(new ZodPipe(ballotFormBody)) b: z.infer<typeof ballotFormBody>, @Req() req: Request) {
    await this.limiter.take(req);
    const { bureauId } = b;
    const code = await this.code(bureauId, b.code);
    const { state: round } = await this.reader.load(bureauId, code.year, code.half);
    const open = code.status === 'issued' && round.status === 'scoring' && round.massBallots === undefined;
    const names = new Map((await this.directory.members(bureauId)).map((m) => [m.memberId, m.name]));
    return {
      bureauId,
      bureauName: (await this.directory.bureau(bureauId))?.name ?? bureauId,
      year: code.year,
      half: code.half,
      open,
      used: code.status === 'used',
      ratings: Object.entries(RATING_LABELS).map(([rating, label]) => ({ rating, label })),
      subjects: open ? Object.keys(round.subjects).sort().map((memberId) => ({ memberId, name: names.get(memberId) ?? memberId })) : [],
    };
  }

  /** Casts the code's one ballot: a rating for each member rated (anyone may be left unrated). */
  @Post()
  @HttpCode(201)
  @Public()
  @BureauAccess({ from: 'public', what: 'cast a ballot with a one-time code' })
  @ZodApiBody(castBallotBody)
  async cast(@Body(new ZodPipe(castBallotBody)) b: z.infer<typeof castBallotBody>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.limiter.take(req);
    const { bureauId } = b;
    const id = ballotId(bureauId, ballotCodeHash(b.code));
    const at = this.clock.now().toISOString();
    // No person, no request correlation: nothing in the event leads back to who cast it.
    const correlationId = newId();
    const meta = { bureauId, actorId: 'anonymous', actorRole: 'masses', correlationId, causationId: correlationId };
    const access = ({ state }: { state: BallotCodeState }) => {
      if (state.status === 'none') throw notFound('ballot_code', '(this code)');
    };
    await this.commands.execute(
      new DecideAppraisal(
        'ballot',
        id,
        async ({ state }) => {
          const { state: round } = await this.reader.load(bureauId, state.year, state.half);
          return { type: 'CastBallot', ratings: b.ratings, context: { roundStatus: round.status, massesCounted: round.massBallots !== undefined, subjects: Object.keys(round.subjects) }, at };
        },
        meta,
        { access },
      ),
    );
    res.setHeader('Cache-Control', 'no-store');
    return { cast: true, rated: b.ratings.length };
  }

  private async code(bureauId: string, code: string): Promise<BallotCodeState> {
    const { state } = await this.streams.load('ballot', ballotId(bureauId, ballotCodeHash(code)));
    if (state.status === 'none') throw notFound('ballot_code', '(this code)');
    return state;
  }
}
