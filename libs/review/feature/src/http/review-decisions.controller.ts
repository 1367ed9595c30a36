import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseInterceptors } from '@nestjs/common';
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
import { type ReviewCommand, type ReviewState } from '@pledgebook/review-domain';
import { newId, notFound } from '@pledgebook/util';
import type { z } from 'zod';
import { REVIEWS, type ReviewView } from '../projections/views';
import { DirectoryCopy } from '../reviews/directory-copy';
import { DecideReview, type ReviewWriteResult } from '../reviews/review.commands';
import { ReviewRepository } from '../reviews/review.repository';
import { Bureaus } from './bureaus';
import { Reviewers } from './reviewer';
import { branchDecisionBody, commentBody, groupEvaluationBody, groupReviewRequestBody, pathId } from './schemas';


/** One pledge's review: read it, and every reviewer's act on it through the one write path. */
@ApiTags('reviews')
@Controller('api/v1/reviews')
export class ReviewDecisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reviews: ReviewRepository,
    private readonly reviewers: Reviewers,
    private readonly bureaus: Bureaus,
    private readonly directory: DirectoryCopy,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

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

}
