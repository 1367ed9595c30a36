import { Injectable } from '@nestjs/common';
import { DEFAULT_NOTICE_WORKING_DAYS, localDate, mergeCalendars, type Actor, type NoticeContext } from '@pledgebook/appraisal-domain';
import type { Principal } from '@pledgebook/nest';
import { Directory } from '../context/directory';
import { calendarId } from '../streams';
import { AppraisalStreams } from '../write/appraisal-streams';

/** What round commands are decided with, looked up per command: the actor, the year's office, the calendar. */
@Injectable()
export class RoundContext {
  constructor(
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
  ) {}

  async office(principal: Principal, bureauId: string, year: number): Promise<{ actor: Actor; context: { officeStaff: string[] } }> {
    const [actor, officeStaff] = await Promise.all([this.directory.actorOf(principal), this.directory.officeStaff(bureauId, year)]);
    return { actor, context: { officeStaff } };
  }

  /** The notice's context: the bureau's calendars of the posting year and the next (a December notice runs into January). */
  async notice(principal: Principal, bureauId: string, year: number, at: string, workingDays = DEFAULT_NOTICE_WORKING_DAYS): Promise<{ actor: Actor; context: NoticeContext }> {
    const { actor, context } = await this.office(principal, bureauId, year);
    const postingYear = Number(localDate(at).slice(0, 4));
    const [thisYear, nextYear] = await Promise.all([this.streams.load('calendar', calendarId(bureauId, postingYear)), this.streams.load('calendar', calendarId(bureauId, postingYear + 1))]);
    return { actor, context: { ...context, calendar: mergeCalendars(thisYear.state.calendar, nextYear.state.calendar), noticeWorkingDays: workingDays } };
  }
}
