import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { newId } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { DIRECTORY_ADMINS } from '../http/access';
import { withoutStorageIds } from '../http/response';
import { addOrgUnitBody, pageQuery } from '../http/schemas';
import { ORG_UNITS } from '../projections/directory.projection';
import { DirectoryWrites } from './directory-writes';

/** A bureau's org units: party branches and groups, departments, the leading bodies. */
@ApiTags('directory')
@Controller('api/v1/bureaus/:bureauId/org-units')
export class OrgUnitsController {
  constructor(
    private readonly writes: DirectoryWrites,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Post()
  @BureauAccess({ from: 'param', write: true, roles: DIRECTORY_ADMINS, what: 'add an org unit' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(addOrgUnitBody)
  async add(@Param('bureauId') bureauId: string, @Body(new ZodPipe(addOrgUnitBody)) body: z.infer<typeof addOrgUnitBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const orgUnitId = body.orgUnitId ?? newId();
    const result = await this.writes.run(bureauId, { type: 'AddOrgUnit', orgUnitId, unitType: body.type, name: body.name, parentId: body.parentId }, p, req, res);
    res.status(201);
    return { orgUnitId, revision: result.revision };
  }

  @Get()
  @BureauAccess({ from: 'param', write: false, what: 'list org units' })
  async list(@Param('bureauId') bureauId: string, @Query() q: unknown) {
    await this.writes.existing(bureauId);
    const query = parseInput(pageQuery, q, '/query');
    return withoutStorageIds(await this.views.collection(ORG_UNITS).find({ bureauId }, { sort: { type: 1, name: 1 }, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }));
  }
}
