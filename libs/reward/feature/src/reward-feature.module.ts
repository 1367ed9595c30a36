import { Module } from '@nestjs/common';
import { BUREAU_HIERARCHY, IdempotencyInterceptor } from '@pledgebook/nest';
import { Bureaus } from './http/bureaus';
import { GrantsController } from './http/grants.controller';
import { MembersController } from './http/members.controller';
import { PoliciesController } from './http/policies.controller';
import { ResearchController } from './http/research.controller';
import { SelectionObjectionsController } from './http/selection-objections.controller';
import { SelectionsController } from './http/selections.controller';
import { StatisticsController } from './http/statistics.controller';
import { RewardRuntime } from './reward-runtime';
import { StatisticsReader } from './statistics/statistics-reader';
import { GrantIssuer } from './writes/grant-issuer';
import { RewardLookups } from './writes/lookups';
import { RewardWrites } from './writes/reward-writes';

/** The reward context: policies, selections, grants, the research scheme, and the programme's statistics. */
@Module({
  controllers: [PoliciesController, SelectionsController, SelectionObjectionsController, GrantsController, ResearchController, MembersController, StatisticsController],
  providers: [RewardWrites, RewardLookups, GrantIssuer, Bureaus, StatisticsReader, RewardRuntime, IdempotencyInterceptor, { provide: BUREAU_HIERARCHY, useExisting: Bureaus }],
})
export class RewardFeatureModule {}
