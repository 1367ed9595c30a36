import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdempotencyInterceptor } from '@pledgebook/nest';
import { BookletController } from './http/booklet.controller';
import { Bureaus } from './http/bureaus';
import { Reviewers } from './http/reviewer';
import { ReviewsController } from './http/reviews.controller';
import { ReviewRuntime } from './review-runtime';
import { DecideReviewHandler, PublishBranchHandler, SetDeadlinesHandler } from './reviews/review.commands';
import { ReviewRepository } from './reviews/review.repository';

/** The review context: group discussion, branch review item by item, publication, the booklet. */
@Module({
  imports: [CqrsModule],
  controllers: [ReviewsController, BookletController],
  providers: [DecideReviewHandler, PublishBranchHandler, SetDeadlinesHandler, ReviewRepository, Reviewers, Bureaus, ReviewRuntime, IdempotencyInterceptor],
})
export class ReviewFeatureModule {}
