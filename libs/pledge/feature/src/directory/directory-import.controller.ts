import { Body, Controller, HttpCode, Param, Post, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, etagFor, metaFromPrincipal, requestCorrelationId, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { Response } from 'express';
import { DIRECTORY_ADMINS } from '../http/access';
import { directoryFileType, readDirectoryFile } from './directory-file';
import { ImportDirectory, type ImportResult } from './directory-import';

@ApiTags('directory')
@Controller('api/v1/bureaus/:bureauId/directory/import')
export class DirectoryImportController {
  constructor(private readonly commands: CommandBus) {}

  /** Imports a whole bureau from a CSV (UTF-8, GB18030 or GBK) or an .xlsx workbook (docs/api/pledge-service.md): all or nothing, idempotent. */
  @Post()
  @BureauAccess({ from: 'param', write: true, roles: DIRECTORY_ADMINS, what: 'import a directory' })
  @HttpCode(200)
  async import(@Param('bureauId') bureauId: string, @Body() body: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const type = directoryFileType(req.headers['content-type']);
    if ('unsupported' in type) throw new UnsupportedMediaTypeException(type.unsupported);
    const rows = await readDirectoryFile(type, body);
    const result: ImportResult = await this.commands.execute(new ImportDirectory(bureauId, rows, new Date().toISOString().slice(0, 10), metaFromPrincipal(p, requestCorrelationId(req), { bureauId })));
    res.setHeader('ETag', etagFor(result.revision));
    return { rows: rows.length, ...result };
  }
}
