import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  BureauAccess,
  CurrentPrincipal,
  idempotencyKeyOf,
  IdempotencyInterceptor,
  metaFromPrincipal,
  parseInput,
  READ_MODELS,
  requireBureau,
  requestCorrelationId,
  ZodApiBody,
  ZodPipe,
  type AuthenticatedRequest,
  type CommandMeta,
  type Principal,
} from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { DEFAULT_DEADLINES, isOverdue, type ReviewCommand, type ReviewState } from '@pledgebook/review-domain';
import { newId, notFound } from '@pledgebook/util';
import type { z } from 'zod';
import { all } from '../projections/all';
import { MEMBERS, PLEDGE_STARTS, REVIEWS, SETTINGS, type MemberView, type PledgeStartView, type ReviewView, type SettingsView } from '../projections/views';
import { DirectoryCopy } from '../reviews/directory-copy';
import { DecideReview, Publish, SetDeadlines, type ReviewWriteResult } from '../reviews/review.commands';
import { ReviewRepository } from '../reviews/review.repository';
import { Bureaus } from './bureaus';
import { Reviewers } from './reviewer';
import { branchDecisionBody, bureauIdSchema, commentBody, deadlinesBody, groupEvaluationBody, groupReviewRequestBody, overdueQuery, pathId, progressQuery, publicationBody } from './schemas';

const OVERSIGHT = ['bureau-admin', 'leading-group', 'branch-secretary', 'auditor', 'system-admin'];

const summary = (r: ReviewView) => {
  const { state: _state, _id: _key, ...view } = r as ReviewView & { state?: unknown };
  return view;
};

@ApiTags('reviews')
@Controller('api/v1/reviews')
export class ReviewsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reviews: ReviewRepository,
    private readonly reviewers: Reviewers,
    private readonly bureaus: Bureaus,
    private readonly directory: DirectoryCopy,
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

  /** Publishes the branch's approved pledges of a year as one act. */
  @Post('branches/:branchId/publications')
  @BureauAccess({ from: 'caller', what: 'publish a branch’s books' })
  @HttpCode(201)
  @ZodApiBody(publicationBody)
  async publish(@Param('branchId') rawBranch: string, @Body(new ZodPipe(publicationBody)) body: z.infer<typeof publicationBody>, @CurrentPrincipal() principal: Principal) {
    const branchId = parseInput(pathId, rawBranch, '/branchId');
    const publisher = { body: 'branch' as const, branchId };
    return this.commands.execute(new Publish(principal.bureauId, publisher, body.year, newId(), await this.reviewers.of(principal), this.meta(principal)));
  }

  /**
   * The leading party group publishes the approved books outside any branch (the leadership
   * team's, departments', mass organisations', staff outside a branch) of a year as one act.
   */
  @Post('leadership/publications')
  @BureauAccess({ from: 'caller', what: 'publish the books outside any branch' })
  @HttpCode(201)
  @ZodApiBody(publicationBody)
  async publishLeadership(@Body(new ZodPipe(publicationBody)) body: z.infer<typeof publicationBody>, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new Publish(principal.bureauId, { body: 'leading-group' }, body.year, newId(), await this.reviewers.of(principal), this.meta(principal)));
  }

  /** The review with every round, comment and decision. */
  @Get(':pledgeId')
  @BureauAccess({ from: 'aggregate', what: 'read a review' })
  async get(@Param('pledgeId') rawId: string, @CurrentPrincipal() principal: Principal) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const { state, revision } = await this.reviews.load(pledgeId);
    if (state.status === 'none') throw notFound('review', pledgeId);
    await this.bureaus.requireReadable(principal, state.bureauId, 'read a review');
    const view = await this.views.collection<ReviewView>(REVIEWS).findById(pledgeId);
    return { ...state, ...(view?.status === 'published' ? { status: 'published', publishedAt: view.publishedAt, publicationId: view.publicationId } : {}), revision };
  }

  @Post(':pledgeId/comments')
  @BureauAccess({ from: 'aggregate', what: 'comment on a review' })
  @HttpCode(201)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(commentBody)
  async comment(@Param('pledgeId') rawId: string, @Body(new ZodPipe(commentBody)) body: z.infer<typeof commentBody>, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest) {
    return this.decide(rawId, principal, request, async (reviewer) => ({ type: 'AddComment', reviewer, commentId: newId(), text: body.text, at: new Date().toISOString() }));
  }

  @Post(':pledgeId/group-evaluation')
  @BureauAccess({ from: 'aggregate', what: 'record a group evaluation' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(groupEvaluationBody)
  async groupEvaluation(@Param('pledgeId') rawId: string, @Body(new ZodPipe(groupEvaluationBody)) body: z.infer<typeof groupEvaluationBody>, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest) {
    return this.decide(rawId, principal, request, async (reviewer) => ({ type: 'RecordGroupEvaluation', reviewer, decision: body.decision, evaluation: body.evaluation, notes: body.notes, at: new Date().toISOString() }));
  }

  @Post(':pledgeId/branch-decision')
  @BureauAccess({ from: 'aggregate', what: 'decide at the branch' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(branchDecisionBody)
  async branchDecision(@Param('pledgeId') rawId: string, @Body(new ZodPipe(branchDecisionBody)) body: z.infer<typeof branchDecisionBody>, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest) {
    return this.decide(rawId, principal, request, async (reviewer, state) => ({
      type: 'DecideAtBranch',
      reviewer,
      meeting: body.meeting,
      verdicts: body.verdicts,
      bodyMembers: await this.directory.bodyMembersOf(state),
      at: new Date().toISOString(),
    }));
  }

  @Post(':pledgeId/group-review-request')
  @BureauAccess({ from: 'aggregate', what: 'ask for a group review' })
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ZodApiBody(groupReviewRequestBody)
  async askGroup(@Param('pledgeId') rawId: string, @Body(new ZodPipe(groupReviewRequestBody)) body: z.infer<typeof groupReviewRequestBody>, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest) {
    return this.decide(rawId, principal, request, async (reviewer) => ({ type: 'AskForGroupReview', reviewer, reason: body.reason, at: new Date().toISOString() }));
  }

  /** Runs a reviewer's command; with an Idempotency-Key its events get derived ids, so a retry after a crash appends nothing. */
  private async decide(
    rawId: string,
    principal: Principal,
    request: AuthenticatedRequest,
    build: (reviewer: Awaited<ReturnType<Reviewers['of']>>, state: ReviewState) => Promise<ReviewCommand>,
  ) {
    const pledgeId = parseInput(pathId, rawId, '/pledgeId');
    const key = idempotencyKeyOf(request);
    const meta = this.meta(principal, key ? { idempotencySeed: `review|${pledgeId}|${principal.subject}|${key}` } : {});
    const access = (state: ReviewState) => {
      if (state.status === 'none') throw notFound('review', pledgeId);
      requireBureau(principal, state.bureauId, 'decide on a review', { write: true });
    };
    const command = async ({ state }: { state: ReviewState }) => build(await this.reviewers.of(principal), state);
    const { state: after, revision }: ReviewWriteResult = await this.commands.execute(new DecideReview(pledgeId, command, meta, access));
    return { pledgeId, status: after.status, round: after.round, revision };
  }

  private meta(principal: Principal, extra: Partial<CommandMeta> = {}): CommandMeta {
    return metaFromPrincipal(principal, requestCorrelationId(), extra);
  }

  private async deadlinesOf(bureauId: string) {
    const set = await this.views.collection<SettingsView>(SETTINGS).findById(bureauId);
    return set ? { groupDays: set.groupDays, branchDays: set.branchDays } : DEFAULT_DEADLINES;
  }
}

