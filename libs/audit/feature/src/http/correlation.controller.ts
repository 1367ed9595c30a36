import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { subjectKey } from '@pledgebook/audit-domain';
import { BadInput, CurrentPrincipal, parseInput, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { AuditRuntime } from '../audit-runtime';
import type { AuditIndex } from '../index/audit-index.reader';
import type { TimelineService } from '../timeline/timeline.service';
import { askedBy, type AuditAccess } from './audit-access';
import { correlationIdSchema, decodeCursor, encodeCursor, listQuery } from './audit-schemas';
import { AUDIT_ACCESS, AUDIT_INDEX, AUDIT_RUNTIME, TIMELINES } from './tokens';

/**
 * Follows one click: every event recorded under a correlation id, in every service's streams, in
 * global order, each with what caused it — the request, or an earlier event and where it is.
 */
@ApiTags('audit')
@Controller('api/v1/audit/correlations')
export class CorrelationController {
  constructor(
    @Inject(AUDIT_INDEX) private readonly index: AuditIndex,
    @Inject(TIMELINES) private readonly timelines: TimelineService,
    @Inject(AUDIT_ACCESS) private readonly access: AuditAccess,
    @Inject(AUDIT_RUNTIME) private readonly runtime: AuditRuntime,
  ) {}

  @Get(':correlationId')
  async follow(@Param('correlationId') raw: string, @Query() rawQuery: unknown, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    const correlationId = parseInput(correlationIdSchema, raw, '/correlationId');
    const query = parseInput(listQuery, rawQuery, '/query');
    const after = decodeCursor(query.cursor);
    if (after === null) throw new BadInput([{ field: '/query/cursor', message: 'not a cursor this API returned' }]);
    const key = subjectKey.correlation(correlationId);
    // Every bureau the click reached must be one the caller may audit (its own or one below it).
    const bureaus = await this.index.bureausUnder(key);
    if (bureaus.length === 0) throw notFound('correlation', correlationId);
    const asked = askedBy(principal, req, query.reason);
    const target = `correlation ${correlationId}`;
    for (const bureauId of bureaus) await this.access.requireAuditor(asked, bureauId, 'correlation', target);
    const page = await this.timelines.correlation(key, { limit: query.limit, ...(after !== undefined ? { after } : {}) });
    const indexedThrough = await this.runtime.indexedThrough();
    for (const bureauId of bureaus) await this.access.answered(asked, bureauId, 'correlation', target, { events: page.items.length });
    return { correlationId, bureaus, items: page.items, ...(page.nextAfter !== undefined ? { nextCursor: encodeCursor(page.nextAfter) } : {}), indexedThrough };
  }
}
