import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { subjectKey } from '@pledgebook/audit-domain';
import { BadInput, CurrentPrincipal, parseInput, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import { notFound } from '@pledgebook/util';
import type { AuditIndex } from '../index/audit-index.reader';
import type { AuditRuntime } from '../audit-runtime';
import type { TimelineService } from '../timeline/timeline.service';
import { askedBy, type AuditAccess } from './audit-access';
import { aggregatesQuery, bureauIdSchema, decodeCursor, encodeCursor, memberIdSchema, pledgeIdSchema, reasonQuery, timelineQuery, yearSchema } from './audit-schemas';
import { AUDIT_ACCESS, AUDIT_INDEX, AUDIT_RUNTIME, TIMELINES } from './tokens';

interface Subject {
  key: string;
  bureauId: string;
  target: string;
}

/** One timeline across every service's streams, for a pledge and for a member's year; as-of states; chain checks. */
@ApiTags('audit')
@Controller('api/v1/audit')
export class TimelineController {
  constructor(
    @Inject(AUDIT_INDEX) private readonly index: AuditIndex,
    @Inject(TIMELINES) private readonly timelines: TimelineService,
    @Inject(AUDIT_ACCESS) private readonly access: AuditAccess,
    @Inject(AUDIT_RUNTIME) private readonly runtime: AuditRuntime,
  ) {}

  @Get('pledges/:pledgeId/timeline')
  async pledgeTimeline(@Param('pledgeId') id: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest) {
    return this.timeline(await this.pledge(id), raw, p, req);
  }

  @Get('bureaus/:bureauId/members/:memberId/years/:year/timeline')
  async memberTimeline(@Param('bureauId') b: string, @Param('memberId') m: string, @Param('year') y: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest) {
    return this.timeline(await this.memberYear(b, m, y), raw, p, req);
  }

  @Get('pledges/:pledgeId/aggregates')
  async pledgeAggregates(@Param('pledgeId') id: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest) {
    return this.aggregates(await this.pledge(id), raw, p, req);
  }

  @Get('bureaus/:bureauId/members/:memberId/years/:year/aggregates')
  async memberAggregates(@Param('bureauId') b: string, @Param('memberId') m: string, @Param('year') y: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest) {
    return this.aggregates(await this.memberYear(b, m, y), raw, p, req);
  }

  @Get('pledges/:pledgeId/verify')
  async pledgeVerify(@Param('pledgeId') id: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest) {
    return this.verify(await this.pledge(id), raw, p, req);
  }

  @Get('bureaus/:bureauId/members/:memberId/years/:year/verify')
  async memberVerify(@Param('bureauId') b: string, @Param('memberId') m: string, @Param('year') y: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest) {
    return this.verify(await this.memberYear(b, m, y), raw, p, req);
  }

  private async timeline(subject: Subject, raw: unknown, principal: Principal, req: AuthenticatedRequest) {
    const query = parseInput(timelineQuery, raw, '/query');
    const after = decodeCursor(query.cursor);
    if (after === null) throw new BadInput([{ field: '/query/cursor', message: 'not a cursor this API returned' }]);
    const asked = askedBy(principal, req, query.reason);
    await this.access.requireAuditor(asked, subject.bureauId, 'timeline', subject.target);
    const asOf = query.asOf ? new Date(query.asOf).toISOString() : undefined;
    const page = await this.timelines.page(subject.key, { limit: query.limit, ...(after !== undefined ? { after } : {}), ...(asOf ? { asOf } : {}) });
    const indexedThrough = await this.runtime.indexedThrough();
    await this.access.answered(asked, subject.bureauId, 'timeline', subject.target, { events: page.items.length, ...(asOf ? { asOf } : {}) });
    return { subject: subject.target, ...(asOf ? { asOf } : {}), items: page.items, ...(page.nextAfter !== undefined ? { nextCursor: encodeCursor(page.nextAfter) } : {}), indexedThrough };
  }

  private async aggregates(subject: Subject, raw: unknown, principal: Principal, req: AuthenticatedRequest) {
    const query = parseInput(aggregatesQuery, raw, '/query');
    const asked = askedBy(principal, req, query.reason);
    await this.access.requireAuditor(asked, subject.bureauId, 'aggregates', subject.target);
    const asOf = new Date(query.asOf ?? Date.now()).toISOString();
    const aggregates = await this.timelines.aggregates(subject.key, asOf);
    await this.access.answered(asked, subject.bureauId, 'aggregates', subject.target, { aggregates: aggregates.length, asOf });
    return { subject: subject.target, asOf, aggregates };
  }

  private async verify(subject: Subject, raw: unknown, principal: Principal, req: AuthenticatedRequest) {
    const query = parseInput(reasonQuery, raw, '/query');
    const asked = askedBy(principal, req, query.reason);
    await this.access.requireAuditor(asked, subject.bureauId, 'verify', subject.target);
    const result = await this.timelines.verify(subject.key);
    await this.access.answered(asked, subject.bureauId, 'verify', subject.target, { ok: result.ok, streams: result.streams.length });
    return { subject: subject.target, ...result };
  }

  private async pledge(rawId: string): Promise<Subject> {
    const pledgeId = parseInput(pledgeIdSchema, rawId, '/pledgeId').toLowerCase();
    const known = await this.index.pledge(pledgeId);
    if (!known) throw notFound('pledge', pledgeId);
    return { key: subjectKey.pledge(pledgeId), bureauId: known.bureauId, target: `pledge ${pledgeId}` };
  }

  private async memberYear(rawBureau: string, rawMember: string, rawYear: string): Promise<Subject> {
    const bureauId = parseInput(bureauIdSchema, rawBureau, '/bureauId');
    const memberId = parseInput(memberIdSchema, rawMember, '/memberId');
    const year = parseInput(yearSchema, rawYear, '/year');
    if (!(await this.index.bureauExists(bureauId))) throw notFound('bureau', bureauId);
    return { key: subjectKey.memberYear(bureauId, memberId, year), bureauId, target: `member ${memberId} of ${bureauId}, ${year}` };
  }
}
