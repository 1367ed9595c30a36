import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { auditLogStream, SYSTEM_AUDIT_LOG, type AuditLogEntry } from '@pledgebook/audit-domain';
import type { EventStore } from '@pledgebook/event-store';
import { BadInput, CurrentPrincipal, parseInput, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { AuditIndex } from '../index/audit-index.reader';
import { askedBy, type AuditAccess } from './audit-access';
import { bureauIdSchema, decodeCursor, encodeCursor, listQuery } from './audit-schemas';
import { AUDIT_ACCESS, AUDIT_EVENTS, AUDIT_INDEX } from './tokens';

/**
 * A bureau's audit log: who read, exported or verified its records, and every 401/403 of any
 * process concerning it — itself a hash-chained stream. `system` is the log of refusals that name
 * no bureau and carry no verified token (the system admin's).
 */
@ApiTags('audit')
@Controller('api/v1/audit/bureaus/:bureauId/audit-log')
export class AuditLogController {
  constructor(
    @Inject(AUDIT_INDEX) private readonly index: AuditIndex,
    @Inject(AUDIT_ACCESS) private readonly access: AuditAccess,
    @Inject(AUDIT_EVENTS) private readonly events: EventStore,
  ) {}

  @Get()
  async list(@Param('bureauId') rawBureau: string, @Query() raw: unknown, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    const bureauId = parseInput(bureauIdSchema, rawBureau, '/bureauId');
    const query = parseInput(listQuery, raw, '/query');
    const from = decodeCursor(query.cursor);
    if (from === null) throw new BadInput([{ field: '/query/cursor', message: 'not a cursor this API returned' }]);
    if (bureauId !== SYSTEM_AUDIT_LOG && !(await this.index.bureauExists(bureauId))) throw notFound('bureau', bureauId);
    const asked = askedBy(principal, req, query.reason);
    const target = `the audit log of ${bureauId}`;
    await this.access.requireLogReader(asked, bureauId, target);
    const events = await this.events.readStream(auditLogStream(bureauId), { from: from ?? 0, maxCount: query.limit + 1 });
    const page = events.slice(0, query.limit);
    await this.access.answered(asked, bureauId, 'audit-log', target, { entries: page.length });
    return {
      bureauId,
      stream: auditLogStream(bureauId),
      items: page.map((e) => ({ revision: e.revision, type: e.type, recordedAt: e.recordedAt, ...(e.data as AuditLogEntry), correlationId: e.metadata.correlationId, hash: e.hash })),
      ...(events.length > query.limit ? { nextCursor: encodeCursor(page[page.length - 1]!.revision + 1) } : {}),
    };
  }
}
