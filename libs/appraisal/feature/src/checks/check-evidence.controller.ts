import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, EVIDENCE_FILES, EVIDENCE_MEDIA_TYPES, parseInput, type AuthenticatedRequest, type EvidenceFiles, type Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import { z } from 'zod';
import { Directory } from '../context/directory';
import { mayReadGroup, partyGroup } from '../context/places';
import { deny } from '../http/access';
import { pathId, pathMonth } from '../http/schemas';
import { checkId } from '../streams';
import { AppraisalStreams } from '../write/appraisal-streams';

const pathSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/**
 * Photos and scans a group leader saw at a monthly check (佐證材料, ADR 0075): uploaded first to the
 * bureau (the service hashes the bytes), named by hash on a member's entry, read back by whoever
 * may read the check and by the member whose entry names the file.
 */
@ApiTags('appraisal monthly checks')
@Controller('api/v1/appraisals/bureaus/:bureauId')
export class CheckEvidenceController {
  constructor(
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    @Inject(EVIDENCE_FILES) private readonly evidence: EvidenceFiles,
  ) {}

  /** Stores a photo or scan sent as the raw body with its Content-Type; answers its SHA-256 for an entry's `attachments`. */
  @Post('evidence')
  @BureauAccess({ from: 'param', write: true, roles: ['group-leader'], what: 'upload evidence for a monthly check' })
  @ApiConsumes(...EVIDENCE_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({
    schema: { type: 'object', required: ['sha256', 'size', 'mediaType'], properties: { sha256: { type: 'string' }, size: { type: 'integer' }, mediaType: { type: 'string', enum: [...EVIDENCE_MEDIA_TYPES] } } },
  })
  async upload(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const stored = await this.evidence.receive(req);
    res.status(201);
    return stored;
  }

  /** A file named on an entry of the group's check for the month, with the type its bytes have. */
  @Get('groups/:groupId/checks/:month/evidence/:sha256')
  @BureauAccess({ from: 'param', write: false, what: 'read a monthly check’s evidence' })
  @ApiProduces(...EVIDENCE_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Res() res: Response) {
    const bureauId = params.bureauId!;
    const groupId = parseInput(pathId, params.groupId, '/groupId');
    const month = parseInput(pathMonth, params.month, '/month');
    const sha256 = parseInput(pathSha256, params.sha256, '/sha256');
    const group = await partyGroup(this.directory, bureauId, groupId);
    const reader = await mayReadGroup(this.directory, p, groupId, group.branchId);
    const { state } = await this.streams.load('check', checkId(bureauId, groupId, month));
    // The member whose entry names a file sees it too; other members of the group do not (403,
    // whether or not the file exists, so a hash tells them nothing).
    const own = p.bureauId === bureauId ? state.entries[p.subject] : undefined;
    if (!reader && !own?.attachments?.some((f) => f.sha256 === sha256)) {
      deny('read a monthly check’s evidence', 'for the member whose entry names it, the party group’s leader, the branch secretary and those who oversee the programme');
    }
    const file = Object.values(state.entries)
      .flatMap((e) => e.attachments ?? [])
      .find((f) => f.sha256 === sha256);
    if (!file) throw notFound('evidence', sha256);
    await this.evidence.send(res, file);
  }
}
