import { Body, Controller, Get, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, etagFor, IdempotencyInterceptor, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { Response } from 'express';
import type { z } from 'zod';
import { registerBureauBody } from '../http/schemas';
import { DirectoryRepository } from './directory.repository';
import { DirectoryWrites } from './directory-writes';

/** Bureaus and their parent authorities (whose auditors read them). */
@ApiTags('directory')
@Controller('api/v1/bureaus')
export class BureausController {
  constructor(
    private readonly writes: DirectoryWrites,
    private readonly directory: DirectoryRepository,
  ) {}

  @Post()
  @BureauAccess({ from: 'caller', roles: ['system-admin'], what: 'register a bureau' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(registerBureauBody)
  async register(@Body(new ZodPipe(registerBureauBody)) body: z.infer<typeof registerBureauBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const parentExists = body.parentBureauId ? (await this.directory.load(body.parentBureauId)).state.exists : false;
    const result = await this.writes.run(body.bureauId, { type: 'RegisterBureau', ...body, parentExists }, p, req, res);
    res.status(201).setHeader('Location', `/api/v1/bureaus/${body.bureauId}`);
    return { bureauId: body.bureauId, revision: result.revision };
  }

  @Get(':bureauId')
  @BureauAccess({ from: 'param', write: false, what: 'read a bureau' })
  async get(@Param('bureauId') bureauId: string, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.writes.existing(bureauId);
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
}
