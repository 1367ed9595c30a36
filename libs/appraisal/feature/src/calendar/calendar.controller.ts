import { Body, Controller, Get, Inject, Param, Put, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DEFAULT_NOTICE_WORKING_DAYS, type CalendarState } from '@pledgebook/appraisal-domain';
import { BureauAccess, CurrentPrincipal, etagFor, IdempotencyInterceptor, parseInput, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { Response } from 'express';
import type { z } from 'zod';
import { Directory } from '../context/directory';
import { APPRAISAL_CLOCK, ifMatchOf, withEtag, writeMeta, type Clock } from '../http/request';
import { calendarBody, pathYear } from '../http/schemas';
import { calendarId } from '../streams';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';

const view = (bureauId: string, year: number, state: CalendarState, revision: number) => ({
  bureauId,
  year,
  holidays: state.calendar.holidays,
  makeUpWorkdays: state.calendar.makeUpWorkdays,
  // A year never set counts Monday to Friday as working days (ADR 0042).
  set: state.version > 0,
  noticeWorkingDays: DEFAULT_NOTICE_WORKING_DAYS,
  revision,
});

/** The bureau's calendar of holidays and make-up working days: the notice period counts working days by it. */
@ApiTags('appraisal calendar')
@Controller('api/v1/appraisals/bureaus/:bureauId/calendar')
export class CalendarController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  @Put(':year')
  @BureauAccess({ from: 'param', write: true, roles: ['bureau-admin', 'appraisal-office', 'system-admin'], what: 'set the bureau calendar' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(calendarBody)
  async set(@Param('bureauId') bureauId: string, @Param('year') y: string, @Body(new ZodPipe(calendarBody)) b: z.infer<typeof calendarBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const year = parseInput(pathYear, y, '/year');
    const id = calendarId(bureauId, year);
    const expectedRevision = ifMatchOf(req);
    const at = this.clock.now().toISOString();
    const command = async () => ({
      type: 'SetCalendarYear' as const,
      actor: await this.directory.actorOf(p),
      bureauId,
      year,
      holidays: b.holidays,
      makeUpWorkdays: b.makeUpWorkdays,
      context: { officeStaff: await this.directory.officeStaff(bureauId, year) },
      at,
    });
    const result: AppraisalWriteResult<'calendar'> = await this.commands.execute(new DecideAppraisal('calendar', id, command, writeMeta(p, req, 'set-calendar', id), expectedRevision !== undefined ? { expectedRevision } : {}));
    return withEtag(res, result, view(bureauId, year, result.state, result.revision));
  }

  @Get(':year')
  @BureauAccess({ from: 'param', write: false, what: 'read the bureau calendar' })
  async get(@Param('bureauId') bureauId: string, @Param('year') y: string, @Res({ passthrough: true }) res: Response) {
    const year = parseInput(pathYear, y, '/year');
    const { state, revision } = await this.streams.load('calendar', calendarId(bureauId, year));
    if (revision >= 0) res.setHeader('ETag', etagFor(revision));
    return view(bureauId, year, state, revision);
  }
}
