import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { SchemeCommand, SchemeContent, SchemeState } from '@pledgebook/appraisal-domain';
import { eventIdFor } from '@pledgebook/event-store';
import { BureauAccess, CurrentPrincipal, etagFor, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { all } from '../context/all';
import { Directory } from '../context/directory';
import { isOverseer } from '../http/access';
import { APPRAISAL_CLOCK, ifMatchOf, noBody, withEtag, writeMeta, type Clock } from '../http/request';
import { draftSchemeBody, pathVersion, pathYear, reasonBody, reviseSchemeBody } from '../http/schemas';
import { schemeId } from '../streams';
import { SCHEMES, type SchemeView } from '../views/names';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';

const OFFICE = ['appraisal-office', 'system-admin'];
const body = (state: SchemeState, revision: number) => ({ ...state, revision });

/** The bureau's appraisal scheme for a year: drafted by the office, approved by the leading group, published before any round. */
@ApiTags('appraisal schemes')
@Controller('api/v1/appraisals/bureaus/:bureauId/schemes')
export class SchemesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  /** Drafts a version (the next one unless `version` names it), from scratch or `basedOnVersion`. */
  @Post(':year/versions')
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'draft an appraisal scheme' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(draftSchemeBody)
  async draft(@Param('bureauId') bureauId: string, @Param('year') y: string, @Body(new ZodPipe(draftSchemeBody)) b: z.infer<typeof draftSchemeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const year = parseInput(pathYear, y, '/year');
    const meta = writeMeta(p, req, 'draft-scheme', `${bureauId}.${year}`);
    const versions = await this.versionsOf(bureauId, year);
    // A retried draft (same Idempotency-Key) finds the version it drafted, whichever number that was.
    const earlier = meta.idempotencySeed ? versions.find((v) => v.firstEventId === eventIdFor(meta.idempotencySeed, 0)) : undefined;
    const version = earlier?.version ?? b.version ?? (versions.at(-1)?.version ?? 0) + 1;
    const [actor, officeStaff] = await Promise.all([this.directory.actorOf(p), this.directory.officeStaff(bureauId, year)]);
    const command: SchemeCommand = {
      type: 'DraftScheme',
      actor,
      bureauId,
      year,
      version,
      content: b.content as SchemeContent,
      ...(b.basedOnVersion !== undefined ? { basedOnVersion: b.basedOnVersion } : {}),
      context: { officeStaff },
      at: this.clock.now().toISOString(),
    };
    const result: AppraisalWriteResult<'scheme'> = await this.commands.execute(new DecideAppraisal('scheme', schemeId(bureauId, year, version), command, meta));
    res.status(201).setHeader('Location', `/api/v1/appraisals/bureaus/${bureauId}/schemes/${year}/versions/${version}`);
    return withEtag(res, result, body(result.state, result.revision));
  }

  @Put(':year/versions/:version')
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'revise an appraisal scheme' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reviseSchemeBody)
  async revise(@Param() params: Record<string, string>, @Body(new ZodPipe(reviseSchemeBody)) b: z.infer<typeof reviseSchemeBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.change(params, 'revise', p, req, res, async (year, at) => ({ type: 'ReviseScheme', actor: await this.directory.actorOf(p), content: b.content as SchemeContent, context: { officeStaff: await this.directory.officeStaff(params.bureauId!, year) }, at }));
  }

  @Post(':year/versions/:version/submit')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'submit an appraisal scheme' })
  @UseInterceptors(IdempotencyInterceptor)
  async submit(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    noBody(req);
    return this.change(params, 'submit', p, req, res, async (year, at) => ({ type: 'SubmitScheme', actor: await this.directory.actorOf(p), context: { officeStaff: await this.directory.officeStaff(params.bureauId!, year) }, at }));
  }

  @Post(':year/versions/:version/return')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: ['leading-group'], what: 'return an appraisal scheme' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  async return(@Param() params: Record<string, string>, @Body(new ZodPipe(reasonBody)) b: z.infer<typeof reasonBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.change(params, 'return', p, req, res, async (_year, at) => ({ type: 'ReturnScheme', actor: await this.directory.actorOf(p), reason: b.reason, at }), b.reason);
  }

  @Post(':year/versions/:version/approve')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: ['leading-group'], what: 'approve an appraisal scheme' })
  @UseInterceptors(IdempotencyInterceptor)
  async approve(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    noBody(req);
    return this.change(params, 'approve', p, req, res, async (_year, at) => ({ type: 'ApproveScheme', actor: await this.directory.actorOf(p), at }));
  }

  @Post(':year/versions/:version/publish')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: OFFICE, what: 'publish an appraisal scheme' })
  @UseInterceptors(IdempotencyInterceptor)
  async publish(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    noBody(req);
    return this.change(params, 'publish', p, req, res, async (year, at) => ({ type: 'PublishScheme', actor: await this.directory.actorOf(p), context: { officeStaff: await this.directory.officeStaff(params.bureauId!, year) }, at }));
  }

  /** The year's versions: published ones for everyone in the bureau, drafts for those who oversee the programme. */
  @Get(':year/versions')
  @BureauAccess({ from: 'param', write: false, what: 'read appraisal schemes' })
  async list(@Param('bureauId') bureauId: string, @Param('year') y: string, @CurrentPrincipal() p: Principal) {
    const year = parseInput(pathYear, y, '/year');
    const versions = await all<SchemeView>(this.views, SCHEMES, { bureauId, year }, { version: 1 });
    const visible = isOverseer(p) ? versions : versions.filter((v) => v.status === 'published');
    return { bureauId, year, items: visible.map(({ _id: _key, ...v }) => v) };
  }

  @Get(':year/versions/:version')
  @BureauAccess({ from: 'param', write: false, what: 'read an appraisal scheme' })
  async get(@Param() params: Record<string, string>, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const { bureauId, year, version } = this.key(params);
    const { state, revision } = await this.streams.load('scheme', schemeId(bureauId, year, version));
    if (state.status === 'none' || (state.status !== 'published' && !isOverseer(p))) throw notFound('scheme', `${year} v${version}`);
    res.setHeader('ETag', etagFor(revision));
    return body(state, revision);
  }

  private key(params: Record<string, string>) {
    return { bureauId: params.bureauId!, year: parseInput(pathYear, params.year, '/year'), version: parseInput(pathVersion, params.version, '/version') };
  }

  private async change(params: Record<string, string>, step: string, p: Principal, req: AuthenticatedRequest, res: Response, build: (year: number, at: string) => Promise<SchemeCommand>, reason?: string) {
    const { bureauId, year, version } = this.key(params);
    const id = schemeId(bureauId, year, version);
    const expectedRevision = ifMatchOf(req);
    const at = this.clock.now().toISOString();
    const access = ({ state }: { state: SchemeState }) => {
      if (state.status === 'none') throw notFound('scheme', `${year} v${version}`);
    };
    const result: AppraisalWriteResult<'scheme'> = await this.commands.execute(
      new DecideAppraisal('scheme', id, () => build(year, at), writeMeta(p, req, `${step}-scheme`, id, reason ? { reason } : {}), { access, ...(expectedRevision !== undefined ? { expectedRevision } : {}) }),
    );
    return withEtag(res, result, body(result.state, result.revision));
  }

  /** The versions drafted so far, by probing their streams (authoritative, unlike a view that may lag). */
  private async versionsOf(bureauId: string, year: number): Promise<Array<{ version: number; firstEventId: string }>> {
    const found: Array<{ version: number; firstEventId: string }> = [];
    for (let version = 1; version <= 1000; version += 1) {
      const { events } = await this.streams.load('scheme', schemeId(bureauId, year, version));
      if (!events.length) break;
      found.push({ version, firstEventId: events[0]!.id });
    }
    return found;
  }
}
