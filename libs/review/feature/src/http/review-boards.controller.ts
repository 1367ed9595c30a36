import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { BureauAccess, CurrentPrincipal, metaFromPrincipal, parseInput, READ_MODELS, requestCorrelationId, ZodApiBody, ZodPipe, type CommandMeta, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { DEFAULT_DEADLINES, isOverdue } from '@pledgebook/review-domain';
import type { z } from 'zod';
import { all } from '../projections/all';
import { MEMBERS, PLEDGE_STARTS, REVIEWS, SETTINGS, type MemberView, type PledgeStartView, type ReviewView, type SettingsView } from '../projections/views';
import { SetDeadlines } from '../reviews/review.commands';
import { Reviewers } from './reviewer';
import { bureauIdSchema, deadlinesBody, overdueQuery, pathId, progressQuery } from './schemas';

const OVERSIGHT = ['bureau-admin', 'leading-group', 'branch-secretary', 'auditor', 'system-admin'];

const summary = (r: ReviewView) => {
  const { state: _state, _id: _key, ...view } = r as ReviewView & { state?: unknown };
  return view;
};

/** What reviewers and overseers watch: my queue, overdue reviews, a branch's progress, the deadlines. */
@ApiTags('reviews')
@Controller('api/v1/reviews')
export class ReviewBoardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reviewers: Reviewers,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  /**
   * The caller's pending reviews: as group leader (a paired book is in each pledger's group
   * leader's queue; `decides` marks the first pledger's group, whose leader decides), as branch
   * secretary, as the leading party group.
   */
  @Get('queue')
  @BureauAccess({ from: 'caller', what: 'read my review queue' })
  async queue(@CurrentPrincipal() principal: Principal) {
    const me = await this.reviewers.of(principal);
    const deadlines = await this.deadlinesOf(principal.bureauId);
    const mark = (r: ReviewView) => ({ ...summary(r), overdue: r.stage ? isOverdue(r.stage, r.stageSince, deadlines, new Date()) : false });
    const group = me.roles.includes('group-leader') && me.groupId ? await all<ReviewView>(this.views, REVIEWS, { bureauId: principal.bureauId, groupIds: me.groupId, status: 'group' }) : [];
    const branch = [
      ...(me.roles.includes('branch-secretary') && me.branchId ? await all<ReviewView>(this.views, REVIEWS, { bureauId: principal.bureauId, status: 'branch', decidingBody: 'branch', branchId: me.branchId }) : []),
      ...(me.roles.includes('leading-group') ? await all<ReviewView>(this.views, REVIEWS, { bureauId: principal.bureauId, status: 'branch', decidingBody: 'leading-group' }) : []),
    ];
    const bySince = (a: ReviewView, b: ReviewView) => a.stageSince.localeCompare(b.stageSince);
    return { group: group.sort(bySince).map((r) => ({ ...mark(r), decides: r.groupId === me.groupId })), branch: branch.sort(bySince).map(mark) };
  }

  /** Reviews past their stage's deadline (days per stage, set per bureau). */
  @Get('overdue')
  @BureauAccess({ from: 'query', roles: OVERSIGHT, what: 'list overdue reviews' })
  async overdue(@Query() raw: Record<string, unknown>) {
    const { bureauId } = parseInput(overdueQuery, raw);
    const deadlines = await this.deadlinesOf(bureauId);
    const now = new Date();
    const pending = await all<ReviewView>(this.views, REVIEWS, { bureauId, status: { $in: ['group', 'branch'] } });
    return { deadlines, items: pending.filter((r) => isOverdue(r.stage!, r.stageSince, deadlines, now)).map(summary) };
  }

  @Put('bureaus/:bureauId/deadlines')
  @BureauAccess({ from: 'param', write: true, what: 'set review deadlines' })
  @ZodApiBody(deadlinesBody)
  async setDeadlines(@Param('bureauId') rawBureau: string, @Body(new ZodPipe(deadlinesBody)) body: z.infer<typeof deadlinesBody>, @CurrentPrincipal() principal: Principal) {
    const bureauId = parseInput(bureauIdSchema, rawBureau, '/bureauId');
    return this.commands.execute(new SetDeadlines(bureauId, body, await this.reviewers.of(principal), this.meta(principal)));
  }

  /** How far a branch has come for a year: members who drafted, submitted, were approved, published. */
  @Get('branches/:branchId/progress')
  @BureauAccess({ from: 'query', what: 'read branch progress' })
  async progress(@Param('branchId') rawBranch: string, @Query() raw: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const branchId = parseInput(pathId, rawBranch, '/branchId');
    const { year, bureauId = principal.bureauId } = parseInput(progressQuery, raw);
    const members = await all<MemberView>(this.views, MEMBERS, { bureauId, branchId });
    const inBranch = new Set(members.map((m) => m.memberId));
    const individual = (pledger: { type: string; memberIds: string[] }) => (pledger.type === 'individual' ? pledger.memberIds.filter((m) => inBranch.has(m)) : []);
    const starts = await all<PledgeStartView>(this.views, PLEDGE_STARTS, { bureauId, year });
    const reviews = await all<ReviewView>(this.views, REVIEWS, { bureauId, year });
    const count = (list: ReviewView[]) => new Set(list.flatMap((r) => individual(r.pledger))).size;
    return {
      branchId,
      year,
      members: members.length,
      drafted: new Set(starts.flatMap((s) => individual(s.pledger))).size,
      submitted: count(reviews.filter((r) => r.status !== 'withdrawn')),
      approved: count(reviews.filter((r) => r.status === 'approved' || r.status === 'published')),
      published: count(reviews.filter((r) => r.status === 'published')),
      books: { pending: reviews.filter((r) => r.branchId === branchId && (r.status === 'group' || r.status === 'branch')).length, returned: reviews.filter((r) => r.branchId === branchId && r.status === 'returned').length },
    };
  }

  private meta(principal: Principal, extra: Partial<CommandMeta> = {}): CommandMeta {
    return metaFromPrincipal(principal, requestCorrelationId(), extra);
  }

  private async deadlinesOf(bureauId: string) {
    const set = await this.views.collection<SettingsView>(SETTINGS).findById(bureauId);
    return set ? { groupDays: set.groupDays, branchDays: set.branchDays } : DEFAULT_DEADLINES;
  }
}
