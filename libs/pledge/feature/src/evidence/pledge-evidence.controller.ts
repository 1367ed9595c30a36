import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, EVIDENCE_FILES, EVIDENCE_MEDIA_TYPES, hasAnyRole, parseInput, type AuthenticatedRequest, type EvidenceFiles, type Principal } from '@pledgebook/nest';
import { forbidden, notFound, wrongState, type PledgeState } from '@pledgebook/pledge-domain';
import type { Response } from 'express';
import { z } from 'zod';
import { requireBureau } from '../http/access';
import { pathId } from '../http/schemas';
import { ReadablePledges } from '../pledges/readable-pledges';

const pathSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/** Who may add files to a book's records: those who record its fulfilment (ADR 0075). */
function requireRecorder(principal: Principal, state: PledgeState): void {
  requireBureau(principal, state.bureauId, `pledge ${state.pledgeId}`, { write: true });
  if (state.status !== 'published') throw wrongState(`pledge ${state.pledgeId}`, state.status, ['published']);
  const isPledger = state.pledger.memberIds.includes(principal.subject);
  // A collective's book is recorded by its officers; the decider checks that on the record itself.
  if (!isPledger && state.pledger.type !== 'collective' && !hasAnyRole(principal, ['bureau-admin'])) {
    throw forbidden('not_the_pledger', 'evidence is attached by the pledger', { pledgeId: state.pledgeId });
  }
}

/**
 * Evidence files of a book's fulfilment records (佐證材料): uploaded first (the service hashes the
 * bytes), then named by their hash on a progress record; read back by anyone who may read the book.
 */
@ApiTags('pledges')
@Controller('api/v1/pledges/:pledgeId/evidence')
export class PledgeEvidenceController {
  constructor(
    private readonly readablePledges: ReadablePledges,
    @Inject(EVIDENCE_FILES) private readonly evidence: EvidenceFiles,
  ) {}

  /** Stores a photo or scan sent as the raw body with its Content-Type; answers its SHA-256 for a progress record's `attachments`. */
  @Post()
  @BureauAccess({ from: 'aggregate', what: 'attach evidence to a pledge book' })
  @ApiConsumes(...EVIDENCE_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({
    schema: { type: 'object', required: ['sha256', 'size', 'mediaType'], properties: { sha256: { type: 'string' }, size: { type: 'integer' }, mediaType: { type: 'string', enum: [...EVIDENCE_MEDIA_TYPES] } } },
  })
  async upload(@Param('pledgeId') rawId: string, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const { state } = await this.readablePledges.readable(pledgeId, p);
    requireRecorder(p, state);
    const stored = await this.evidence.receive(req);
    res.status(201);
    return stored;
  }

  /** A file named on one of the book's records, with the type its bytes have. */
  @Get(':sha256')
  @BureauAccess({ from: 'aggregate', what: 'read a pledge book’s evidence' })
  @ApiProduces(...EVIDENCE_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(@Param('pledgeId') rawId: string, @Param('sha256') rawSha: string, @CurrentPrincipal() p: Principal, @Res() res: Response) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const sha256 = parseInput(pathSha256, rawSha, '/sha256');
    const { state } = await this.readablePledges.readable(pledgeId, p);
    const file = Object.values(state.records)
      .flatMap((r) => r.attachments ?? [])
      .find((f) => f.sha256 === sha256);
    if (!file) throw notFound('evidence', sha256);
    await this.evidence.send(res, file);
  }
}
