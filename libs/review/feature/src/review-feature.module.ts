import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BUREAU_HIERARCHY, IdempotencyInterceptor } from '@pledgebook/nest';
import { BookletController } from './http/booklet.controller';
import { Bureaus } from './http/bureaus';
import { Reviewers } from './http/reviewer';
import { PublicationsController } from './http/publications.controller';
import { ReviewBoardsController } from './http/review-boards.controller';
import { ReviewDecisionsController } from './http/review-decisions.controller';
import { ReviewRuntime } from './review-runtime';
import { DirectoryCopy } from './reviews/directory-copy';
import { DecideReviewHandler, PublishHandler, SetDeadlinesHandler } from './reviews/review.commands';
import { ReviewRepository } from './reviews/review.repository';

/** The review context: group discussion, branch review item by item, publication (branches' and the leading party group's), the booklet. */
@Module({
  imports: [CqrsModule],
  // Boards first: their fixed paths (queue, overdue) must match before the decisions' :pledgeId.
  controllers: [ReviewBoardsController, PublicationsController, ReviewDecisionsController, BookletController],
  providers: [DecideReviewHandler, PublishHandler, SetDeadlinesHandler, ReviewRepository, DirectoryCopy, Reviewers, Bureaus, ReviewRuntime, IdempotencyInterceptor, { provide: BUREAU_HIERARCHY, useExisting: Bureaus }],
})
export class ReviewFeatureModule {}
