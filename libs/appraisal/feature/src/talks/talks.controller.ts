import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { isTalkOverdue, localDate, type TalkCommand, type TalkState } from '@pledgebook/appraisal-domain';
import { BureauAccess, CurrentPrincipal, etagFor, IdempotencyInterceptor, parseInput, READ_MODELS, ZodApiBody, ZodPipe, type AuthenticatedRequest, type Principal } from '@pledgebook/nest';
import type { Filter, ReadModelStore } from '@pledgebook/read-model';
import { notFound } from '@pledgebook/util';
import type { Response } from 'express';
import type { z } from 'zod';
import { all } from '../context/all';
import { Directory } from '../context/directory';
import { requireBranchReader } from '../context/places';
import { deny, isOverseer } from '../http/access';
import { APPRAISAL_CLOCK, withEtag, writeMeta, type Clock } from '../http/request';
import { pathId, reasonBody, recordTalkBody, talksQuery } from '../http/schemas';
import { talkAggregateId } from '../streams';
import { TALKS, type TalkView } from '../views/names';
import { AppraisalStreams } from '../write/appraisal-streams';
import { DecideAppraisal, type AppraisalWriteResult } from '../write/decide-appraisal';

/**
 * A talk as the caller may see it. The analysis, the agreed actions and a cancellation's reason
 * are personal data (谈话记录): for the member, the branch's secretary and the member's group leader only.
 */
function talkBody(state: TalkState, revision: number, today: string, notes: boolean) {
  const { held, cancelledFor, ...rest } = state;
  return {
    ...rest,
    overdue: isTalkOverdue(state, today),
    ...(held ? { held: notes ? held : { heldOn: held.heldOn, talkedBy: held.talkedBy, followUpOn: held.followUpOn, late: held.late, by: held.by } } : {}),
    ...(cancelledFor !== undefined && notes ? { cancelledFor } : {}),
    notesShown: notes,
    revision,
  };
}

/** Reminder talks (谈话提醒): scheduled by the dispatch, held by the branch's secretary or the member's group leader. */
@ApiTags('appraisal reminder talks')
@Controller('api/v1/appraisals/bureaus/:bureauId/talks')
export class TalksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: AppraisalStreams,
    private readonly directory: Directory,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    @Inject(APPRAISAL_CLOCK) private readonly clock: Clock,
  ) {}

  /** Talks due (scheduled, with the overdue ones marked), overdue, held or cancelled — for a branch, a member, or the bureau. */
  @Get()
  @BureauAccess({ from: 'param', write: false, what: 'list reminder talks' })
  async list(@Param('bureauId') bureauId: string, @Query() raw: unknown, @CurrentPrincipal() p: Principal) {
    const query = parseInput(talksQuery, raw, '/query');
    if (query.branchId) await requireBranchReader(this.directory, p, query.branchId, 'list reminder talks');
    else if (!(query.memberId === p.subject && p.bureauId === bureauId) && !isOverseer(p)) deny('list reminder talks', 'name your branch (secretaries) or yourself (memberId)');
    const today = localDate(this.clock.now().toISOString());
    const filter: Filter = { bureauId };
    if (query.branchId) filter.branchId = query.branchId;
    if (query.memberId) filter.memberId = query.memberId;
    if (query.year) filter.year = query.year;
    if (query.status === 'due' || query.status === 'overdue') filter.status = 'scheduled';
    if (query.status === 'held' || query.status === 'cancelled') filter.status = query.status;
    const talks = await all<TalkView>(this.views, TALKS, filter, { dueOn: 1 });
    const items = talks.map(({ _id: _key, ...t }) => ({ ...t, overdue: t.status === 'scheduled' && today > t.dueOn })).filter((t) => query.status !== 'overdue' || t.overdue);
    return { bureauId, today, items };
  }

  @Get(':talkId')
  @BureauAccess({ from: 'param', write: false, what: 'read a reminder talk' })
  async get(@Param('bureauId') bureauId: string, @Param('talkId') rawId: string, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    const talkId = parseInput(pathId, rawId, '/talkId');
    const { state, revision } = await this.streams.load('talk', talkAggregateId(bureauId, talkId));
    if (state.status === 'none') throw notFound('reminder_talk', talkId);
    const notes = await this.mayReadNotes(p, state);
    if (!notes && !isOverseer(p)) deny('read a reminder talk', 'for the member, the branch secretary, the member’s group leader and those who oversee the programme');
    res.setHeader('ETag', etagFor(revision));
    return talkBody(state, revision, localDate(this.clock.now().toISOString()), notes);
  }

  @Post(':talkId/record')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: ['branch-secretary', 'group-leader'], what: 'record a reminder talk' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(recordTalkBody)
  async record(@Param('bureauId') bureauId: string, @Param('talkId') rawId: string, @Body(new ZodPipe(recordTalkBody)) b: z.infer<typeof recordTalkBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.decide(bureauId, rawId, 'record-talk', p, req, res, async (state, at) => ({
      type: 'RecordReminderTalk',
      actor: await this.directory.actorOf(p),
      context: { ...(await this.groupOf(bureauId, state.memberId)) },
      heldOn: b.heldOn,
      talkedBy: b.talkedBy,
      notes: b.notes,
      followUpOn: b.followUpOn,
      at,
    }));
  }

  @Post(':talkId/cancel')
  @HttpCode(200)
  @BureauAccess({ from: 'param', write: true, roles: ['branch-secretary'], what: 'cancel a reminder talk' })
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(reasonBody)
  async cancel(@Param('bureauId') bureauId: string, @Param('talkId') rawId: string, @Body(new ZodPipe(reasonBody)) b: z.infer<typeof reasonBody>, @CurrentPrincipal() p: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    return this.decide(bureauId, rawId, 'cancel-talk', p, req, res, async (_state, at) => ({ type: 'CancelReminderTalk', actor: await this.directory.actorOf(p), reason: b.reason, at }));
  }

  private async decide(bureauId: string, rawId: string, step: string, p: Principal, req: AuthenticatedRequest, res: Response, build: (state: TalkState, at: string) => Promise<TalkCommand>) {
    const talkId = parseInput(pathId, rawId, '/talkId');
    const id = talkAggregateId(bureauId, talkId);
    const at = this.clock.now().toISOString();
    const access = ({ state }: { state: TalkState }) => {
      if (state.status === 'none') throw notFound('reminder_talk', talkId);
    };
    const result: AppraisalWriteResult<'talk'> = await this.commands.execute(new DecideAppraisal('talk', id, ({ state }) => build(state, at), writeMeta(p, req, step, id), { access }));
    return withEtag(res, result, talkBody(result.state, result.revision, localDate(at), true));
  }

  private async groupOf(bureauId: string, memberId: string): Promise<{ memberGroupId?: string }> {
    const member = await this.directory.member(bureauId, memberId);
    return member?.groupId ? { memberGroupId: member.groupId } : {};
  }

  private async mayReadNotes(p: Principal, state: TalkState): Promise<boolean> {
    if (p.bureauId !== state.bureauId) return false;
    if (p.subject === state.memberId) return true;
    const actor = await this.directory.actorOf(p);
    if (p.roles.includes('branch-secretary') && actor.branchId === state.branchId) return true;
    const { memberGroupId } = await this.groupOf(state.bureauId, state.memberId);
    return p.roles.includes('group-leader') && !!memberGroupId && actor.groupId === memberGroupId;
  }
}
