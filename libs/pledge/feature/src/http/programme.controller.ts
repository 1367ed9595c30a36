import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Param, Post, Put, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, etagFor, IdempotencyInterceptor, metaFromPrincipal, parseInput, requestCorrelationId, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound, openYearsAt, programmeRulesOf, programmeYearOf, type DirectoryCommand } from '@pledgebook/pledge-domain';
import type { Response } from 'express';
import { z } from 'zod';
import { ChangeDirectory, type DirectoryChangeResult } from '../directory/directory.commands';
import { DirectoryRepository } from '../directory/directory.repository';
import { requireBureau, requireRole } from './access';
import { pathBureau, pathYear } from './schemas';

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
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: DirectoryRepository,
  ) {}

  @Get(':bureauId/programme-rules/:year')
  async rules(@Param('bureauId') raw: string, @Param('year') y: string, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const bureauId = await this.readableBureau(raw, p);
    const forYear = parseInput(pathYear, y, '/year');
    const { state, revision } = await this.directory.load(bureauId);
    res.setHeader('ETag', etagFor(revision));
    return { year: forYear, ...programmeRulesOf(state, forYear), setByBureau: state.programmeRules[String(forYear)] !== undefined };
  }

  @Put(':bureauId/programme-rules/:year')
  @ZodApiBody(programmeRulesBody)
  async setRules(@Param('bureauId') raw: string, @Param('year') y: string, @Body(new ZodPipe(programmeRulesBody)) body: z.infer<typeof programmeRulesBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, 'set the programme rules');
    const forYear = parseInput(pathYear, y, '/year');
    const result = await this.run(bureauId, { type: 'SetProgrammeRules', year: forYear, rules: body }, p, req, res);
    return { year: forYear, ...body, ...result };
  }

  @Get(':bureauId/years')
  async years(@Param('bureauId') raw: string, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const bureauId = await this.readableBureau(raw, p);
    const { state, revision } = await this.directory.load(bureauId);
    const now = new Date().toISOString();
    res.setHeader('ETag', etagFor(revision));
    return { currentYear: programmeYearOf(now), open: openYearsAt(state, now), closed: [...state.closedYears].sort((a, b) => a - b) };
  }

  /** Opens next year for drafting (or last year, to enter its books late); opening an open year changes nothing. */
  @Post(':bureauId/years')
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(openYearBody)
  async openYear(@Param('bureauId') raw: string, @Body(new ZodPipe(openYearBody)) body: z.infer<typeof openYearBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, 'open a programme year');
    const result = await this.run(bureauId, { type: 'OpenYear', year: body.year, at: new Date().toISOString() }, p, req, res);
    res.status(result.changed ? 201 : 200);
    return { year: body.year, ...result };
  }

  private async run(bureauId: string, command: DirectoryCommand, p: Principal, req: AuthenticatedRequest, res: Response): Promise<DirectoryChangeResult> {
    const result: DirectoryChangeResult = await this.commands.execute(new ChangeDirectory(bureauId, command, metaFromPrincipal(p, requestCorrelationId(req), { bureauId })));
    res.setHeader('ETag', etagFor(result.revision));
    return result;
  }

  private writableBureau(raw: string, p: Principal, what: string): string {
    const bureauId = parseInput(pathBureau, raw, '/bureauId');
    requireRole(p, PROGRAMME_ADMINS, what);
    requireBureau(p, bureauId, what, { write: true });
    return bureauId;
  }

  /** The bureau's own people, and auditors of its parent authorities, read its programme. */
  private async readableBureau(raw: string, p: Principal): Promise<string> {
    const bureauId = parseInput(pathBureau, raw, '/bureauId');
    const ancestors = await this.directory.ancestors(bureauId);
    requireBureau(p, bureauId, `bureau ${bureauId}`, { write: false, ancestorsOf: () => ancestors });
    if (!(await this.directory.load(bureauId)).state.exists) throw notFound('bureau', bureauId);
    return bureauId;
  }
}
