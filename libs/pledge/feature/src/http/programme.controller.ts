import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Param, Post, Put, Req, Res, UseInterceptors } from '@nestjs/common';
import { BureauAccess, CurrentPrincipal, etagFor, IdempotencyInterceptor, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { openYearsAt, programmeRulesOf, programmeYearOf } from '@pledgebook/pledge-domain';
import type { Response } from 'express';
import { z } from 'zod';
import { DirectoryWrites } from '../directory/directory-writes';
import { pathYear } from './schemas';

const year = z.number().int().min(2000).max(2200);
export const programmeRulesBody = z.strictObject({ positionBenchmark: z.boolean(), yearlyDeed: z.boolean() });
export const openYearBody = z.strictObject({ year });

/** Only the bureau's own admin changes its programme (ADR 0037). */
const PROGRAMME_ADMINS = ['bureau-admin'];

/**
 * A bureau's programme: the rules each year's books are held to at submission, and the years
 * books may be drafted for (the current one; next year once opened; last year opened late).
 */
@ApiTags('programme')
@Controller('api/v1/bureaus')
export class ProgrammeController {
  constructor(private readonly writes: DirectoryWrites) {}

  @Get(':bureauId/programme-rules/:year')
  @BureauAccess({ from: 'param', write: false, what: 'read the programme rules' })
  async rules(@Param('bureauId') bureauId: string, @Param('year') y: string, @Res({ passthrough: true }) res: Response) {
    const forYear = parseInput(pathYear, y, '/year');
    const { state, revision } = await this.writes.existing(bureauId);
    res.setHeader('ETag', etagFor(revision));
    return { year: forYear, ...programmeRulesOf(state, forYear), setByBureau: state.programmeRules[String(forYear)] !== undefined };
  }

  @Put(':bureauId/programme-rules/:year')
  @BureauAccess({ from: 'param', write: true, roles: PROGRAMME_ADMINS, what: 'set the programme rules' })
  @ZodApiBody(programmeRulesBody)
  async setRules(@Param('bureauId') bureauId: string, @Param('year') y: string, @Body(new ZodPipe(programmeRulesBody)) body: z.infer<typeof programmeRulesBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const forYear = parseInput(pathYear, y, '/year');
    const result = await this.writes.run(bureauId, { type: 'SetProgrammeRules', year: forYear, rules: body }, p, req, res);
    return { year: forYear, ...body, ...result };
  }

  @Get(':bureauId/years')
  @BureauAccess({ from: 'param', write: false, what: 'read the programme years' })
  async years(@Param('bureauId') bureauId: string, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.writes.existing(bureauId);
    const now = new Date().toISOString();
    res.setHeader('ETag', etagFor(revision));
    return { currentYear: programmeYearOf(now), open: openYearsAt(state, now), closed: [...state.closedYears].sort((a, b) => a - b) };
  }

  /** Opens next year for drafting (or last year, to enter its books late); opening an open year changes nothing. */
  @Post(':bureauId/years')
  @BureauAccess({ from: 'param', write: true, roles: PROGRAMME_ADMINS, what: 'open a programme year' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(openYearBody)
  async openYear(@Param('bureauId') bureauId: string, @Body(new ZodPipe(openYearBody)) body: z.infer<typeof openYearBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.writes.run(bureauId, { type: 'OpenYear', year: body.year, at: new Date().toISOString() }, p, req, res);
    res.status(result.changed ? 201 : 200);
    return { year: body.year, ...result };
  }
}
