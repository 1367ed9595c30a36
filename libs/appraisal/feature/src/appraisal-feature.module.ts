import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppraisalRuntime } from './appraisal-runtime';

/** The appraisal context: monthly checks, quarterly dispatch, talks, half-year rounds, notice. */
@Module({
  imports: [CqrsModule],
  providers: [AppraisalRuntime],
})
export class AppraisalFeatureModule {}
