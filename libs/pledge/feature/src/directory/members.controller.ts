import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { groupOn, notFound } from '@pledgebook/pledge-domain';
import type { ReadModelStore } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { DIRECTORY_ADMINS } from '../http/access';
import { withoutStorageIds } from '../http/response';
import { addMemberBody, memberQuery, moveMemberBody, pageQuery, pathId, updateMemberBody } from '../http/schemas';
import { MEMBERS } from '../projections/directory.projection';
import { DirectoryWrites } from './directory-writes';

/** A bureau's members: who they are, their party status and roles, the groups they were in. */
@ApiTags('directory')
@Controller('api/v1/bureaus/:bureauId/members')
export class MembersController {
  constructor(
    private readonly writes: DirectoryWrites,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Post()
  @BureauAccess({ from: 'param', write: true, roles: DIRECTORY_ADMINS, what: 'add a member' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(addMemberBody)
  async add(@Param('bureauId') bureauId: string, @Body(new ZodPipe(addMemberBody)) body: z.infer<typeof addMemberBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const memberId = body.memberId ?? newId();
    const { memberId: _m, joinedOn, ...rest } = body;
    const result = await this.writes.run(bureauId, { type: 'AddMember', memberId, ...rest, joinedOn: joinedOn ?? new Date().toISOString().slice(0, 10) }, p, req, res);
    res.status(201).setHeader('Location', `/api/v1/bureaus/${bureauId}/members/${memberId}`);
    return { memberId, revision: result.revision };
  }

  @Get()
  @BureauAccess({ from: 'param', write: false, what: 'list members' })
  async list(@Param('bureauId') bureauId: string, @Query() q: unknown) {
    await this.writes.existing(bureauId);
    const query = parseInput(pageQuery, q, '/query');
    return withoutStorageIds(await this.views.collection(MEMBERS).find({ bureauId }, { sort: { name: 1 }, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }));
  }

  /** A member as recorded now, or (`?on=YYYY-MM-DD`) with the group they were in on that date. */
  @Get(':memberId')
  @BureauAccess({ from: 'param', write: false, what: 'read a member' })
  async get(@Param('bureauId') bureauId: string, @Param('memberId') rawMember: string, @Query() q: unknown) {
    const memberId = parseInput(pathId, rawMember, '/memberId');
    const { on } = parseInput(memberQuery, q, '/query');
    const { state } = await this.writes.existing(bureauId);
    const member = state.members[memberId];
    if (!member) throw notFound('member', memberId);
    return { ...member, ...(on ? { on, placementOn: groupOn(state, memberId, on) ?? null } : {}) };
  }

  @Patch(':memberId')
  @BureauAccess({ from: 'param', write: true, roles: DIRECTORY_ADMINS, what: 'update a member' })
  @ZodApiBody(updateMemberBody)
  async update(@Param('bureauId') bureauId: string, @Param('memberId') m: string, @Body(new ZodPipe(updateMemberBody)) body: z.infer<typeof updateMemberBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.writes.run(bureauId, { type: 'UpdateMember', memberId: parseInput(pathId, m, '/memberId'), ...body }, p, req, res);
  }

  @Post(':memberId/moves')
  @BureauAccess({ from: 'param', write: true, roles: DIRECTORY_ADMINS, what: 'move a member' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(moveMemberBody)
  async move(@Param('bureauId') bureauId: string, @Param('memberId') m: string, @Body(new ZodPipe(moveMemberBody)) body: z.infer<typeof moveMemberBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.writes.run(bureauId, { type: 'MoveMember', memberId: parseInput(pathId, m, '/memberId'), ...body }, p, req, res);
    res.status(201);
    return result;
  }
}
