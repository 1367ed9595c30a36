import { Body, Controller, HttpCode, Inject, Post, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { describeScope, type ExportScope } from '@pledgebook/audit-domain';
import type { EventStore } from '@pledgebook/event-store';
import { CurrentPrincipal, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import type { AuditRuntime } from '../audit-runtime';
import type { EvidenceBundleWriter } from '../evidence/evidence-bundle.writer';
import type { AuditIndex } from '../index/audit-index.reader';
import { askedBy, type AuditAccess } from './audit-access';
import { exportBody } from './audit-schemas';
import { AUDIT_ACCESS, AUDIT_EVENTS, AUDIT_INDEX, AUDIT_RUNTIME, BUNDLES } from './tokens';

/** How long an export waits for the audit index to reach the head of the log. */
const INDEX_WAIT_MS = 10_000;

/** Evidence bundles: a zip with the streams, their chains, the checkpoints and a signed manifest (ADR 0056). */
@ApiTags('audit')
@Controller('api/v1/audit/exports')
export class ExportsController {
  constructor(
    @Inject(AUDIT_INDEX) private readonly index: AuditIndex,
    @Inject(AUDIT_ACCESS) private readonly access: AuditAccess,
    @Inject(BUNDLES) private readonly bundles: EvidenceBundleWriter,
    @Inject(AUDIT_RUNTIME) private readonly runtime: AuditRuntime,
    @Inject(AUDIT_EVENTS) private readonly events: EventStore,
  ) {}

  @Post()
  @HttpCode(200)
  @ZodApiBody(exportBody)
  async export(@Body(new ZodPipe(exportBody)) body: z.infer<typeof exportBody>, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest, @Res() res: Response) {
    const scope = { ...body.scope, ...(body.scope.kind === 'pledge' ? { pledgeId: body.scope.pledgeId.toLowerCase() } : {}) } as ExportScope;
    const bureauId = await this.bureauOf(scope);
    const target = describeScope(scope);
    const asked = askedBy(principal, req, body.reason);
    await this.access.requireAuditor(asked, bureauId, 'export', target);
    if (!(await this.runtime.waitForIndex(await this.events.headPosition(), INDEX_WAIT_MS))) {
      throw new ServiceUnavailableException('the audit index is still catching up with the event store; try the export again shortly');
    }
    const bundle = await this.bundles.build({ scope, caller: asked.caller, bureauId, includeAuditLog: body.includeAuditLog, ...(body.reason ? { reason: body.reason } : {}) });
    const { manifest } = bundle;
    await this.access.answered(asked, bureauId, 'export', target, {
      exportId: manifest.exportId,
      bundleSha256: bundle.sha256,
      bytes: bundle.zip.length,
      streams: manifest.streams.length,
      events: manifest.positions.count,
      headPosition: manifest.headPosition,
      includeAuditLog: body.includeAuditLog,
    });
    res
      .status(200)
      .setHeader('Content-Type', 'application/zip')
      .setHeader('Content-Disposition', `attachment; filename="evidence-${manifest.exportId}.zip"`)
      .setHeader('X-Export-Id', manifest.exportId)
      .setHeader('X-Bundle-Sha256', bundle.sha256)
      .end(Buffer.from(bundle.zip));
  }

  private async bureauOf(scope: ExportScope): Promise<string> {
    if (scope.kind === 'pledge') {
      const pledge = await this.index.pledge(scope.pledgeId);
      if (!pledge) throw notFound('pledge', scope.pledgeId);
      return pledge.bureauId;
    }
    if (!(await this.index.bureauExists(scope.bureauId))) throw notFound('bureau', scope.bureauId);
    return scope.bureauId;
  }
}
