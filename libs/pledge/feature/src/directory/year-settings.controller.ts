import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { guidanceCategories, notFound } from '@pledgebook/pledge-domain';
import type { Response } from 'express';
import type { z } from 'zod';
import { DIRECTORY_ADMINS } from '../http/access';
import { appraisalOfficeBody, guidanceBody, pathId, pathYear } from '../http/schemas';
import { DirectoryWrites } from './directory-writes';

/** A year's settings in a bureau: each branch's guidance categories, the appraisal office's staff, closing the year. */
@ApiTags('directory')
@Controller('api/v1/bureaus/:bureauId')
export class YearSettingsController {
  constructor(private readonly writes: DirectoryWrites) {}

  @Get('branches/:branchId/guidance-categories/:year')
  @BureauAccess({ from: 'param', write: false, what: 'read guidance categories' })
  async getGuidance(@Param('bureauId') bureauId: string, @Param('branchId') b: string, @Param('year') y: string) {
    const branchId = parseInput(pathId, b, '/branchId');
    const year = parseInput(pathYear, y, '/year');
    const { state } = await this.writes.existing(bureauId);
    if (state.units[branchId]?.type !== 'party-branch') throw notFound('branch', branchId);
    return { branchId, year, categories: guidanceCategories(state, branchId, year) };
  }

  /** The branch's own secretary or a bureau admin (the decider checks whose branch it is). */
  @Put('branches/:branchId/guidance-categories/:year')
  @BureauAccess({ from: 'param', write: true, roles: [...DIRECTORY_ADMINS, 'branch-secretary'], what: 'set guidance categories' })
  @ZodApiBody(guidanceBody)
  async setGuidance(@Param('bureauId') bureauId: string, @Param('branchId') b: string, @Param('year') y: string, @Body(new ZodPipe(guidanceBody)) body: z.infer<typeof guidanceBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(bureauId, { type: 'SetGuidanceCategories', branchId: parseInput(pathId, b, '/branchId'), year: parseInput(pathYear, y, '/year'), categories: body.categories }, p, req, res);
  }

  @Put('appraisal-office/:year')
  @BureauAccess({ from: 'param', write: true, roles: [...DIRECTORY_ADMINS, 'leading-group'], what: 'assign the appraisal office' })
  @ZodApiBody(appraisalOfficeBody)
  async assignOffice(@Param('bureauId') bureauId: string, @Param('year') y: string, @Body(new ZodPipe(appraisalOfficeBody)) body: z.infer<typeof appraisalOfficeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(bureauId, { type: 'AssignAppraisalOffice', year: parseInput(pathYear, y, '/year'), staff: body.staff }, p, req, res);
  }

  @Get('appraisal-office/:year')
  @BureauAccess({ from: 'param', write: false, what: 'read the appraisal office' })
  async getOffice(@Param('bureauId') bureauId: string, @Param('year') y: string) {
    const year = parseInput(pathYear, y, '/year');
    const { state } = await this.writes.existing(bureauId);
    const staff = state.appraisalOffice[String(year)];
    if (!staff) throw notFound('appraisal_office_assignment', String(year));
    return { year, staff: staff.map((s) => ({ ...s, name: state.members[s.memberId]?.name ?? null })) };
  }

  /**
   * Closes a year: no new pledge books for it. Its open books are then closed by the close-year
   * policy, reacting to the YearClosed event (a moment later, and again after any crash).
   */
  @Post('years/:year/close')
  @BureauAccess({ from: 'param', write: true, roles: DIRECTORY_ADMINS, what: 'close a year' })
  @HttpCode(200)
  async closeYear(@Param('bureauId') bureauId: string, @Param('year') y: string, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const year = parseInput(pathYear, y, '/year');
    const result = await this.writes.run(bureauId, { type: 'CloseYear', year }, p, req, res);
    return { year, revision: result.revision };
  }
}
