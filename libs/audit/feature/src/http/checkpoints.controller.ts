import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BadInput, CurrentPrincipal, parseInput, Public, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { DomainError } from '@pledgebook/util';
import type { CheckpointService } from '../checkpoints/checkpoint.service';
import type { EvidenceSigner } from '../evidence/signer';
import { askedBy, type AuditAccess } from './audit-access';
import { decodeCursor, encodeCursor, listQuery, reasonQuery } from './audit-schemas';
import { AUDIT_ACCESS, AUDIT_SIGNER, CHECKPOINTS } from './tokens';

/** Signed checkpoints of the global log, for auditors to keep; their verification against the store; the signing keys. */
@ApiTags('audit')
@Controller('api/v1/audit')
export class CheckpointsController {
  constructor(
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointService,
    @Inject(AUDIT_ACCESS) private readonly access: AuditAccess,
    @Inject(AUDIT_SIGNER) private readonly signer: EvidenceSigner,
  ) {}

  /** The public keys that sign bundles and checkpoints (the same JWKS as /.well-known/jwks.json on the embedded profile). */
  @Public()
  @Get('keys')
  keys() {
    return this.signer.jwks;
  }

  @Get('checkpoints')
  async list(@Query() raw: unknown, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    const query = parseInput(listQuery, raw, '/query');
    const after = decodeCursor(query.cursor);
    if (after === null) throw new BadInput([{ field: '/query/cursor', message: 'not a cursor this API returned' }]);
    await this.access.requireAnyAuditor(askedBy(principal, req, query.reason), 'checkpoints', 'checkpoints');
    const page = await this.checkpoints.list(after ?? 0, query.limit + 1);
    const items = page.slice(0, query.limit);
    return { items, ...(page.length > query.limit ? { nextCursor: encodeCursor(items[items.length - 1]!.body.seq) } : {}) };
  }

  /** The file an auditor keeps: `pledgebook-verify bundle.zip --checkpoint` compares a later bundle with it. */
  @Get('checkpoints/latest')
  async latest(@Query() raw: unknown, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    const query = parseInput(reasonQuery, raw, '/query');
    await this.access.requireAnyAuditor(askedBy(principal, req, query.reason), 'checkpoints', 'checkpoints');
    const latest = await this.checkpoints.latest();
    if (!latest) throw new DomainError('no_checkpoint', 'not_found', 'no checkpoint has been signed yet');
    return latest;
  }

  /** Re-reads the whole log against every checkpoint; recorded in the caller's bureau's audit log. */
  @Get('checkpoints/verify')
  async verify(@Query() raw: unknown, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    const query = parseInput(reasonQuery, raw, '/query');
    const asked = askedBy(principal, req, query.reason);
    await this.access.requireAnyAuditor(asked, 'verify', 'checkpoints');
    const result = await this.checkpoints.verifyAll();
    await this.access.answered(asked, principal.bureauId, 'verify', 'the global log against its checkpoints', { ok: result.ok, checkpoints: result.checkpoints, ...(result.firstMismatch ? { firstMismatch: result.firstMismatch } : {}) });
    return result;
  }
}
