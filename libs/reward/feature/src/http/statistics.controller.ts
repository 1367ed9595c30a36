import { Body, Controller, Get, Headers, Inject, Param, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { sumFigures, type BureauTables, type Figures } from '@pledgebook/reward-domain';
import type { Response } from 'express';
import type { z } from 'zod';
import { all } from '../projections/all';
import { ORG_UNITS, type OrgUnitView } from '../projections/views';
import { tableCsv, tablesWorkbook, type ExportHeader, type ExportTable } from '../statistics/export';
import { StatisticsReader, type FigureOptions } from '../statistics/statistics-reader';
import { openingStream } from '../streams';
import { RewardLookups } from '../writes/lookups';
import { RewardWrites } from '../writes/reward-writes';
import { actorOf, writeContext } from './access';
import { Bureaus } from './bureaus';
import { concurrency, recordBody } from './records';
import { bureauIdSchema, exportQuery, openingBody, statisticsQuery, yearParam } from './schemas';

interface RollUp {
  bureau: { bureauId: string; name: string };
  asOf: string;
  year: number | null;
  /** The bureau's own figures, then each child bureau with everything under it. */
  rows: Array<{ bureauId: string; name: string; scope: 'own' | 'with-descendants' } & Figures>;
  sum: Figures;
}

/**
 * /api/v1/statistics/bureaus/{bureauId}: the programme's figures where the data is (ADR 0060) —
 * per branch, group and year or since the start, rolled up across the hierarchy, exported.
 */
@ApiTags('statistics')
@Controller('api/v1/statistics/bureaus')
export class StatisticsController {
  constructor(
    private readonly reader: StatisticsReader,
    private readonly bureaus: Bureaus,
    private readonly writes: RewardWrites,
    private readonly lookups: RewardLookups,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  @Get(':bureauId')
  @BureauAccess({ from: 'param', write: false, what: 'read statistics' })
  async tables(@Param('bureauId') raw: string, @Query() q: unknown) {
    const { bureauId, options } = this.scope(raw, q);
    return this.named(bureauId, options.asOf, await this.reader.tables(bureauId, options));
  }

  @Get(':bureauId/roll-up')
  @BureauAccess({ from: 'param', write: false, what: 'read a roll-up' })
  async rollUp(@Param('bureauId') raw: string, @Query() q: unknown): Promise<RollUp> {
    const { bureauId, options } = this.scope(raw, q);
    return this.rollUpOf(bureauId, options);
  }

  /** CSV of one table (`table=`), or every table as an Excel workbook. */
  @Get(':bureauId/export')
  @BureauAccess({ from: 'param', write: false, what: 'export statistics' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Param('bureauId') raw: string, @Query() q: unknown, @Res() res: Response) {
    const bureauId = parseInput(bureauIdSchema, raw, '/bureauId');
    const query = parseInput(exportQuery, q, '/query');
    const asOf = query.asOf ? new Date(query.asOf).toISOString() : new Date().toISOString();
    const options: FigureOptions = { ...(query.year ? { year: query.year } : {}), asOf, replay: query.asOf !== undefined };
    const named = await this.named(bureauId, asOf, await this.reader.tables(bureauId, options));
    const rollUp = await this.rollUpOf(bureauId, options);
    const tables: ExportTable[] = [
      { name: 'total', title: '合计', scopeHeader: '机关', rows: [{ scope: named.bureau.name, ...named.total }] },
      { name: 'branches', title: '各支部', scopeHeader: '党支部', rows: named.branches.map(({ branchId: _b, name, ...f }) => ({ scope: name, ...f })) },
      { name: 'groups', title: '各党小组', scopeHeader: '党小组', rows: named.groups.map(({ groupId: _g, branchId: _b, name, ...f }) => ({ scope: name, ...f })) },
      { name: 'years', title: '各年度', scopeHeader: '年度', rows: named.years.map(({ year: y, ...f }) => ({ scope: String(y), ...f })) },
      { name: 'roll-up', title: '汇总', scopeHeader: '机关', rows: [...rollUp.rows.map(({ bureauId: _b, name, scope, ...f }) => ({ scope: scope === 'own' ? `${name}（本级）` : name, ...f })), { scope: '合计', ...rollUp.sum }] },
    ];
    const header: ExportHeader = { bureauName: named.bureau.name, asOf, period: query.year ? `${query.year}年` : '自开始以来' };
    const file = `statistics-${bureauId}-${query.year ?? 'all'}`;
    if (query.format === 'xlsx') {
      res.status(200).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').setHeader('Content-Disposition', `attachment; filename="${file}.xlsx"`);
      res.end(await tablesWorkbook(header, tables));
      return;
    }
    const table = tables.find((t) => t.name === (query.table ?? 'total'))!;
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${file}-${table.name}.csv"`);
    res.end(tableCsv(header, table));
  }

  /** Figures for years before the bureau used the system, so "since the start" is whole. */
  @Put(':bureauId/opening-totals/:year')
  @BureauAccess({ from: 'param', write: true, roles: ['bureau-admin', 'leading-group'], what: 'record opening totals' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(openingBody)
  async opening(
    @Param('bureauId') raw: string,
    @Param('year') rawYear: string,
    @Body(new ZodPipe(openingBody)) body: z.infer<typeof openingBody>,
    @CurrentPrincipal() p: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const bureauId = parseInput(bureauIdSchema, raw, '/bureauId');
    const year = parseInput(yearParam, rawYear, '/year');
    const { note, ...figures } = body;
    const result = await this.writes.openings.handle({
      stream: openingStream(bureauId),
      ...writeContext(p, req, `opening|${year}`),
      ...concurrency(ifMatch),
      command: async () => ({ type: 'SetOpeningTotals' as const, bureauId, year, figures, ...(note ? { note } : {}), actor: actorOf(p), at: new Date().toISOString(), systemYears: await this.lookups.systemYears(bureauId) }),
    });
    return recordBody({ bureauId, years: result.state.years }, result.revision, res);
  }

  private scope(raw: string, q: unknown) {
    const bureauId = parseInput(bureauIdSchema, raw, '/bureauId');
    const { year, asOf } = parseInput(statisticsQuery, q, '/query');
    const options: FigureOptions = { ...(year ? { year } : {}), asOf: asOf ? new Date(asOf).toISOString() : new Date().toISOString(), replay: asOf !== undefined };
    return { bureauId, options };
  }

  /** The tables with the bureau's, branches' and groups' names. */
  private async named(bureauId: string, asOf: string, tables: BureauTables) {
    const units = new Map((await all<OrgUnitView>(this.views, ORG_UNITS, { bureauId })).map((u) => [u.orgUnitId, u.name]));
    return {
      bureau: { bureauId, name: (await this.bureaus.get(bureauId))?.name ?? bureauId },
      asOf,
      ...tables,
      branches: tables.branches.map((b) => ({ ...b, name: units.get(b.branchId) ?? b.branchId })),
      groups: tables.groups.map((g) => ({ ...g, name: units.get(g.groupId) ?? g.groupId })),
    };
  }

  private async rollUpOf(bureauId: string, options: FigureOptions): Promise<RollUp> {
    const everyBureau = await this.bureaus.hierarchy();
    const subtree = (root: string) => everyBureau.subtreeOf(root);
    const ids = subtree(bureauId);
    const totals = await this.reader.totals(ids, options);
    const name = (id: string) => everyBureau.name(id);
    const rows: RollUp['rows'] = [{ bureauId, name: name(bureauId), scope: 'own', ...totals.get(bureauId)! }];
    for (const child of everyBureau.childrenOf(bureauId)) {
      rows.push({ bureauId: child, name: name(child), scope: 'with-descendants', ...sumFigures(subtree(child).map((id) => totals.get(id)!)) });
    }
    return { bureau: { bureauId, name: name(bureauId) }, asOf: options.asOf, year: options.year ?? null, rows, sum: sumFigures(ids.map((id) => totals.get(id)!)) };
  }
}
