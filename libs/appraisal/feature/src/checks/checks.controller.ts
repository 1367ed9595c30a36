import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { localDate, type MonthlyCheckCommand, type MonthlyCheckState } from '@pledgebook/appraisal-domain';
import {
  BureauAccess,
  CurrentPrincipal,
  etagFor,
  EVIDENCE_FILES,
  IdempotencyInterceptor,
  parseInput,
  READ_MODELS,
  ZodApiBody,
  ZodPipe,
  type AuthenticatedRequest,
  type EvidenceFiles,
  type Principal,
} from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { all } from '../context/all';
import { Directory } from '../context/directory';
import { mayReadGroup, partyBranch, partyGroup, requireGroupReader } from '../context/places';
import { checkRoster, publishedBy } from '../context/rosters';
import { APPRAISAL_CLOCK, ifMatchOf, withEtag, writeMeta, type Clock } from '../http/request';
import { correctCheckBody, gridQuery, overdueQuery, pathId, pathMonth, recordCheckBody } from '../http/schemas';
import { checkId } from '../streams';
import { MONTHLY_CHECKS, type CheckView } from '../views/names';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';
import { gridRow, overdueMonths } from './check-grid';

const checkBody = (state: MonthlyCheckState, revision: number) => ({
  ...state,
  entries: Object.entries(state.entries).map(([memberId, e]) => ({ memberId, note: e.note, items: Object.values(e.items), ...(e.attachments ? { attachments: e.attachments } : {}) })),
  revision,
});

/** Monthly checks (每月检查): recorded by each party group's leader, seen on the branch's grid. */
@ApiTags('appraisal monthly checks')
@Controller('api/v1/appraisals/bureaus/:bureauId')
export class ChecksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
    @Inject(EVIDENCE_FILES) private readonly evidence: EvidenceFiles,
  ) {}

  /** Who the group checks for the month and their items (every member with a published book in the group that month). */
  @Get('groups/:groupId/checks/:month/roster')
  @BureauAccess({ from: 'param', write: false, what: 'read a check roster' })
  async roster(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal) {
    const { bureauId, groupId, month } = this.key(params);
    const group = await partyGroup(this.directory, bureauId, groupId);
    await requireGroupReader(this.directory, p, groupId, group.branchId, 'read a check roster');
    const at = this.clock.now().toISOString();
    const books = publishedBy(await this.directory.publishedBooks(bureauId, Number(month.slice(0, 4))), at);
    const roster = checkRoster(await this.directory.members(bureauId), books, groupId, month, localDate(at));
    const itemOf = (pledgeId: string, no: number) => books.find((b) => b.pledgeId === pledgeId)?.items.find((i) => i.no === no);
    return {
      bureauId,
      groupId,
      branchId: group.branchId,
      month,
      members: roster.map((m) => ({
        ...m,
        items: m.items.map((i) => {
          const item = itemOf(i.pledgeId, i.itemNo);
          return { ...i, kind: item?.kind, text: item?.text, target: item?.target, ...(item?.dueQuarter ? { dueQuarter: item.dueQuarter } : {}) };
        }),
      })),
    };
  }

  @Post('groups/:groupId/checks/:month')
  @BureauAccess({ from: 'param', write: true, roles: ['group-leader'], what: 'record a monthly check' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(recordCheckBody)
  async record(@Param() params: Record<string, string>, @Body(new ZodPipe(recordCheckBody)) b: z.infer<typeof recordCheckBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, groupId, month } = this.key(params);
    const id = checkId(bureauId, groupId, month);
    const at = this.clock.now().toISOString();
    // Every file named is stored, of that size and type (422 naming /entries/<i>/attachments/<j>/… otherwise).
    for (const [i, e] of b.entries.entries()) await this.evidence.requireStored(e.attachments ?? [], `entries/${i}/attachments`);
    const command = async (): Promise<MonthlyCheckCommand> => {
      const group = await partyGroup(this.directory, bureauId, groupId);
      const books = publishedBy(await this.directory.publishedBooks(bureauId, Number(month.slice(0, 4))), at);
      const roster = checkRoster(await this.directory.members(bureauId), books, groupId, month, localDate(at)).map(({ memberId, items }) => ({ memberId, items }));
      return { type: 'RecordMonthlyCheck', actor: await this.directory.actorOf(p), bureauId, branchId: group.branchId, groupId, month, roster, entries: b.entries.map((e) => ({ ...e, items: e.items.map((i) => ({ ...i })), ...(e.attachments?.length ? { attachments: e.attachments } : {}) })), at };
    };
    const result: AppraisalWriteResult<'check'> = await this.commands.execute(new DecideAppraisal('check', id, command, writeMeta(p, req, 'record-check', id)));
    res.status(201).setHeader('Location', `/api/v1/appraisals/bureaus/${bureauId}/groups/${groupId}/checks/${month}`);
    return withEtag(res, result, checkBody(result.state, result.revision));
  }

  /** A correction is a new event with its reason; the check's counts are recomputed. */
  @Post('groups/:groupId/checks/:month/corrections')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: ['group-leader'], what: 'correct a monthly check' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(correctCheckBody)
  async correct(@Param() params: Record<string, string>, @Body(new ZodPipe(correctCheckBody)) b: z.infer<typeof correctCheckBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { bureauId, groupId, month } = this.key(params);
    const id = checkId(bureauId, groupId, month);
    const at = this.clock.now().toISOString();
    const expectedRevision = ifMatchOf(req);
    const access = ({ state }: { state: MonthlyCheckState }) => {
      if (state.status === 'none') throw notFound('monthly_check', `${groupId} ${month}`);
    };
    const command = async (): Promise<MonthlyCheckCommand> => ({ type: 'CorrectMonthlyCheck', actor: await this.directory.actorOf(p), changes: b.changes, reason: b.reason, at });
    const result: AppraisalWriteResult<'check'> = await this.commands.execute(
      new DecideAppraisal('check', id, command, writeMeta(p, req, 'correct-check', id, { reason: b.reason }), { access, ...(expectedRevision !== undefined ? { expectedRevision } : {}) }),
    );
    return withEtag(res, result, checkBody(result.state, result.revision));
  }

  @Get('groups/:groupId/checks/:month')
  @BureauAccess({ from: 'param', write: false, what: 'read a monthly check' })
  async get(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const { bureauId, groupId, month } = this.key(params);
    const group = await partyGroup(this.directory, bureauId, groupId);
    await requireGroupReader(this.directory, p, groupId, group.branchId, 'read a monthly check');
    const { state, revision } = await this.streams.load('check', checkId(bureauId, groupId, month));
    if (state.status === 'none') throw notFound('monthly_check', `${groupId} ${month}`);
    res.setHeader('ETag', etagFor(revision));
    return checkBody(state, revision);
  }

  /** The branch's grid for a month: each group's check, or what is missing. */
  @Get('branches/:branchId/checks')
  @BureauAccess({ from: 'param', write: false, what: 'read the branch’s check grid' })
  async grid(@Param('bureauId') bureauId: string, @Param('branchId') rawBranch: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const branchId = parseInput(pathId, rawBranch, '/branchId');
    const { month } = parseInput(gridQuery, raw, '/query');
    const branch = await partyBranch(this.directory, bureauId, branchId);
    await requireGroupReader(this.directory, p, '', branchId, 'read the branch’s check grid');
    const at = this.clock.now().toISOString();
    const today = localDate(at);
    const groups = (await this.directory.orgUnits(bureauId)).filter((u) => u.type === 'party-group' && u.parentId === branchId).sort((a, b) => a.orgUnitId.localeCompare(b.orgUnitId));
    const [members, books, checks] = await Promise.all([
      this.directory.members(bureauId),
      this.directory.publishedBooks(bureauId, Number(month.slice(0, 4))).then((all) => publishedBy(all, at)),
      all<CheckView>(this.views, MONTHLY_CHECKS, { bureauId, branchId, month }),
    ]);
    const rows = groups.map((g) => gridRow(g, month, today, checks.find((c) => c.groupId === g.orgUnitId), checkRoster(members, books, g.orgUnitId, month, today)));
    return { bureauId, branchId, name: branch.name, month, groups: rows, missing: rows.filter((r) => r.status === 'missing').map((r) => r.groupId) };
  }

  /** Checks not recorded for months gone by, per party group (optionally one group or one branch's). */
  @Get('checks/overdue')
  @BureauAccess({ from: 'param', write: false, what: 'list overdue checks' })
  async overdue(@Param('bureauId') bureauId: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const query = parseInput(overdueQuery, raw, '/query');
    const at = this.clock.now().toISOString();
    const today = localDate(at);
    const year = query.year ?? Number(today.slice(0, 4));
    const units = await this.directory.orgUnits(bureauId);
    const groups = units.filter((u) => u.type === 'party-group' && (!query.groupId || u.orgUnitId === query.groupId) && (!query.branchId || u.parentId === query.branchId));
    if (query.groupId && !groups.length) throw notFound('party_group', query.groupId);
    const readable = [];
    for (const g of groups) if (await mayReadGroup(this.directory, p, g.orgUnitId, g.parentId ?? '')) readable.push(g);
    if (groups.length && !readable.length) await requireGroupReader(this.directory, p, query.groupId ?? '', query.branchId ?? '', 'list overdue checks');
    const [members, books, checks] = await Promise.all([this.directory.members(bureauId), this.directory.publishedBooks(bureauId, year).then((all) => publishedBy(all, at)), all<CheckView>(this.views, MONTHLY_CHECKS, { bureauId, year })]);
    const items = readable
      .sort((a, b) => a.orgUnitId.localeCompare(b.orgUnitId))
      .map((g) => {
        const roster = checkRoster(members, books, g.orgUnitId, `${year}-12`, today);
        const first = books.filter((b) => roster.some((m) => b.memberIds.includes(m.memberId))).map((b) => b.publishedAt ?? '').sort()[0];
        const recorded = new Set(checks.filter((c) => c.groupId === g.orgUnitId).map((c) => c.month));
        return { groupId: g.orgUnitId, name: g.name, branchId: g.parentId, months: overdueMonths(year, first, today, recorded) };
      })
      .filter((g) => g.months.length > 0);
    return { bureauId, year, items };
  }

  private key(params: Record<string, string>) {
    return { bureauId: params.bureauId!, groupId: parseInput(pathId, params.groupId, '/groupId'), month: parseInput(pathMonth, params.month, '/month') };
  }
}
