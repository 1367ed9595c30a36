import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, Res, UnsupportedMediaTypeException, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, etagFor, IdempotencyInterceptor, metaFromPrincipal, parseInput, READ_MODELS, requestCorrelationId, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { groupOn, guidanceCategories, notFound, type DirectoryCommand } from '@pledgebook/pledge-domain';
import type { ReadModelStore } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { ChangeDirectory, type DirectoryChangeResult } from '../directory/directory.commands';
import { directoryFileType, readDirectoryFile } from '../directory/directory-file';
import { ImportDirectory, type ImportResult } from '../directory/directory-import';
import { DirectoryRepository } from '../directory/directory.repository';
import { MEMBERS, ORG_UNITS } from '../projections/directory.projection';
import { withoutStorageIds } from './response';
import { DIRECTORY_ADMINS, requireBureau, requireRole } from './access';
import {
  addMemberBody,
  addOrgUnitBody,
  appraisalOfficeBody,
  guidanceBody,
  memberQuery,
  moveMemberBody,
  pageQuery,
  pathBureau,
  pathId,
  pathYear,
  registerBureauBody,
  updateMemberBody,
} from './schemas';

@ApiTags('directory')
@Controller('api/v1/bureaus')
export class DirectoryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: DirectoryRepository,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(registerBureauBody)
  async register(@Body(new ZodPipe(registerBureauBody)) body: z.infer<typeof registerBureauBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    requireRole(p, ['system-admin'], 'register a bureau');
    const parentExists = body.parentBureauId ? (await this.directory.load(body.parentBureauId)).state.exists : false;
    const result = await this.run(body.bureauId, { type: 'RegisterBureau', ...body, parentExists }, p, req, res);
    res.status(201).setHeader('Location', `/api/v1/bureaus/${body.bureauId}`);
    return { bureauId: body.bureauId, revision: result.revision };
  }

  @Get(':bureauId')
  async get(@Param('bureauId') raw: string, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const bureauId = await this.readableBureau(raw, p);
    const { state, revision } = await this.directory.load(bureauId);
    res.setHeader('ETag', etagFor(revision));
    return {
      bureauId,
      name: state.name,
      level: state.level ?? null,
      parentBureauId: state.parentBureauId ?? null,
      orgUnits: Object.keys(state.units).length,
      members: Object.keys(state.members).length,
      closedYears: state.closedYears,
      revision,
    };
  }

  @Post(':bureauId/org-units')
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(addOrgUnitBody)
  async addOrgUnit(@Param('bureauId') raw: string, @Body(new ZodPipe(addOrgUnitBody)) body: z.infer<typeof addOrgUnitBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, DIRECTORY_ADMINS, 'add an org unit');
    const orgUnitId = body.orgUnitId ?? newId();
    const result = await this.run(bureauId, { type: 'AddOrgUnit', orgUnitId, unitType: body.type, name: body.name, parentId: body.parentId }, p, req, res);
    res.status(201);
    return { orgUnitId, revision: result.revision };
  }

  @Get(':bureauId/org-units')
  async orgUnits(@Param('bureauId') raw: string, @Query() q: unknown, @CurrentPrincipal() p: Principal) {
    const bureauId = await this.readableBureau(raw, p);
    const query = parseInput(pageQuery, q, '/query');
    return withoutStorageIds(await this.views.collection(ORG_UNITS).find({ bureauId }, { sort: { type: 1, name: 1 }, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }));
  }

  @Post(':bureauId/members')
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(addMemberBody)
  async addMember(@Param('bureauId') raw: string, @Body(new ZodPipe(addMemberBody)) body: z.infer<typeof addMemberBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, DIRECTORY_ADMINS, 'add a member');
    const memberId = body.memberId ?? newId();
    const { memberId: _m, joinedOn, ...rest } = body;
    const result = await this.run(bureauId, { type: 'AddMember', memberId, ...rest, joinedOn: joinedOn ?? new Date().toISOString().slice(0, 10) }, p, req, res);
    res.status(201).setHeader('Location', `/api/v1/bureaus/${bureauId}/members/${memberId}`);
    return { memberId, revision: result.revision };
  }

  @Get(':bureauId/members')
  async members(@Param('bureauId') raw: string, @Query() q: unknown, @CurrentPrincipal() p: Principal) {
    const bureauId = await this.readableBureau(raw, p);
    const query = parseInput(pageQuery, q, '/query');
    return withoutStorageIds(await this.views.collection(MEMBERS).find({ bureauId }, { sort: { name: 1 }, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }));
  }

  /** A member as recorded now, or (`?on=YYYY-MM-DD`) with the group they were in on that date. */
  @Get(':bureauId/members/:memberId')
  async member(@Param('bureauId') raw: string, @Param('memberId') rawMember: string, @Query() q: unknown, @CurrentPrincipal() p: Principal) {
    const bureauId = await this.readableBureau(raw, p);
    const memberId = parseInput(pathId, rawMember, '/memberId');
    const { on } = parseInput(memberQuery, q, '/query');
    const { state } = await this.directory.load(bureauId);
    const member = state.members[memberId];
    if (!member) throw notFound('member', memberId);
    return { ...member, ...(on ? { on, placementOn: groupOn(state, memberId, on) ?? null } : {}) };
  }

  @Patch(':bureauId/members/:memberId')
  @ZodApiBody(updateMemberBody)
  async updateMember(@Param('bureauId') raw: string, @Param('memberId') m: string, @Body(new ZodPipe(updateMemberBody)) body: z.infer<typeof updateMemberBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, DIRECTORY_ADMINS, 'update a member');
    return this.run(bureauId, { type: 'UpdateMember', memberId: parseInput(pathId, m, '/memberId'), ...body }, p, req, res);
  }

  @Post(':bureauId/members/:memberId/moves')
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(moveMemberBody)
  async move(@Param('bureauId') raw: string, @Param('memberId') m: string, @Body(new ZodPipe(moveMemberBody)) body: z.infer<typeof moveMemberBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, DIRECTORY_ADMINS, 'move a member');
    const result = await this.run(bureauId, { type: 'MoveMember', memberId: parseInput(pathId, m, '/memberId'), ...body }, p, req, res);
    res.status(201);
    return result;
  }

  @Get(':bureauId/branches/:branchId/guidance-categories/:year')
  async getGuidance(@Param('bureauId') raw: string, @Param('branchId') b: string, @Param('year') y: string, @CurrentPrincipal() p: Principal) {
    const bureauId = await this.readableBureau(raw, p);
    const branchId = parseInput(pathId, b, '/branchId');
    const year = parseInput(pathYear, y, '/year');
    const { state } = await this.directory.load(bureauId);
    if (state.units[branchId]?.type !== 'party-branch') throw notFound('branch', branchId);
    return { branchId, year, categories: guidanceCategories(state, branchId, year) };
  }

  @Put(':bureauId/branches/:branchId/guidance-categories/:year')
  @ZodApiBody(guidanceBody)
  async setGuidance(@Param('bureauId') raw: string, @Param('branchId') b: string, @Param('year') y: string, @Body(new ZodPipe(guidanceBody)) body: z.infer<typeof guidanceBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, [...DIRECTORY_ADMINS, 'branch-secretary'], 'set guidance categories');
    return this.run(bureauId, { type: 'SetGuidanceCategories', branchId: parseInput(pathId, b, '/branchId'), year: parseInput(pathYear, y, '/year'), categories: body.categories }, p, req, res);
  }

  @Put(':bureauId/appraisal-office/:year')
  @ZodApiBody(appraisalOfficeBody)
  async assignOffice(@Param('bureauId') raw: string, @Param('year') y: string, @Body(new ZodPipe(appraisalOfficeBody)) body: z.infer<typeof appraisalOfficeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, [...DIRECTORY_ADMINS, 'leading-group'], 'assign the appraisal office');
    return this.run(bureauId, { type: 'AssignAppraisalOffice', year: parseInput(pathYear, y, '/year'), staff: body.staff }, p, req, res);
  }

  @Get(':bureauId/appraisal-office/:year')
  async getOffice(@Param('bureauId') raw: string, @Param('year') y: string, @CurrentPrincipal() p: Principal) {
    const bureauId = await this.readableBureau(raw, p);
    const year = parseInput(pathYear, y, '/year');
    const { state } = await this.directory.load(bureauId);
    const staff = state.appraisalOffice[String(year)];
    if (!staff) throw notFound('appraisal_office_assignment', String(year));
    return { year, staff: staff.map((s) => ({ ...s, name: state.members[s.memberId]?.name ?? null })) };
  }

  /**
   * Closes a year: no new pledge books for it. Its open books are then closed by the close-year
   * policy, reacting to the YearClosed event (a moment later, and again after any crash).
   */
  @Post(':bureauId/years/:year/close')
  @HttpCode(200)
  async closeYear(@Param('bureauId') raw: string, @Param('year') y: string, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, DIRECTORY_ADMINS, 'close a year');
    const year = parseInput(pathYear, y, '/year');
    const result = await this.run(bureauId, { type: 'CloseYear', year }, p, req, res);
    return { year, revision: result.revision };
  }

  /** Imports a whole bureau from a CSV (UTF-8, GB18030 or GBK) or an .xlsx workbook (docs/api/pledge-service.md): all or nothing, idempotent. */
  @Post(':bureauId/directory/import')
  @HttpCode(200)
  async importCsv(@Param('bureauId') raw: string, @Body() body: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const bureauId = this.writableBureau(raw, p, DIRECTORY_ADMINS, 'import a directory');
    const type = directoryFileType(req.headers['content-type']);
    if ('unsupported' in type) throw new UnsupportedMediaTypeException(type.unsupported);
    const rows = await readDirectoryFile(type, body);
    const result: ImportResult = await this.commands.execute(new ImportDirectory(bureauId, rows, new Date().toISOString().slice(0, 10), metaFromPrincipal(p, requestCorrelationId(req), { bureauId })));
    res.setHeader('ETag', etagFor(result.revision));
    return { rows: rows.length, ...result };
  }

  private async run(bureauId: string, command: DirectoryCommand, p: Principal, req: AuthenticatedRequest, res: Response): Promise<DirectoryChangeResult> {
    const result: DirectoryChangeResult = await this.commands.execute(new ChangeDirectory(bureauId, command, metaFromPrincipal(p, requestCorrelationId(req), { bureauId })));
    res.setHeader('ETag', etagFor(result.revision));
    return result;
  }

  private writableBureau(raw: string, p: Principal, roles: string[], what: string): string {
    const bureauId = parseInput(pathBureau, raw, '/bureauId');
    requireRole(p, roles, what);
    requireBureau(p, bureauId, what, { write: true });
    return bureauId;
  }

  private async readableBureau(raw: string, p: Principal): Promise<string> {
    const bureauId = parseInput(pathBureau, raw, '/bureauId');
    const ancestors = await this.directory.ancestors(bureauId);
    requireBureau(p, bureauId, `bureau ${bureauId}`, { write: false, ancestorsOf: () => ancestors });
    if (!(await this.directory.load(bureauId)).state.exists) throw notFound('bureau', bureauId);
    return bureauId;
  }
}
