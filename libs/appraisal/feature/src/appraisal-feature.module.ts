import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BUREAU_HIERARCHY, IdempotencyInterceptor } from '@pledgebook/nest';
import { systemClock } from '@pledgebook/util';
import { AppraisalRuntime } from './appraisal-runtime';
import { BallotRateLimiter, BALLOT_RATE_LIMIT } from './ballots/ballot-rate-limit';
import { BallotsController } from './ballots/ballots.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CheckEvidenceController } from './checks/check-evidence.controller';
import { ChecksController } from './checks/checks.controller';
import { Directory } from './context/directory';
import { EventFacts } from './context/event-facts';
import { ScoringFacts } from './context/scoring-facts';
import { DispatchFacts } from './dispatch/dispatch-context';
import { DispatchController } from './dispatch/dispatch.controller';
import { APPRAISAL_CLOCK } from './http/request';
import { MemberYearController } from './members/member-year.controller';
import { DemocraticController } from './rounds/democratic.controller';
import { ObjectionsController } from './rounds/objections.controller';
import { ResultsController } from './rounds/results.controller';
import { RoundContext } from './rounds/round-context';
import { RoundReader } from './rounds/round-reader';
import { RoundsController } from './rounds/rounds.controller';
import { SchemesController } from './scheme/schemes.controller';
import { TalksController } from './talks/talks.controller';
import { AppraisalStreams } from './write/appraisal-streams';
import { DecideAppraisalHandler } from './write/decide-appraisal';

export interface AppraisalFeatureOptions {
  /** Requests per client address and minute on the ballot routes that need no account. */
  ballotsPerMinute: number;
}

/**
 * The appraisal context: schemes, calendar, monthly checks, quarterly dispatch, talks, half-year
 * rounds, notice, objections. Controllers and providers are declared here; `forRoot` adds the
 * service's settings.
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    SchemesController,
    CalendarController,
    ChecksController,
    CheckEvidenceController,
    DispatchController,
    TalksController,
    RoundsController,
    DemocraticController,
    ObjectionsController,
    ResultsController,
    BallotsController,
    MemberYearController,
  ],
  providers: [
    DecideAppraisalHandler,
    AppraisalStreams,
    Directory,
    EventFacts,
    ScoringFacts,
    DispatchFacts,
    RoundContext,
    RoundReader,
    BallotRateLimiter,
    AppraisalRuntime,
    IdempotencyInterceptor,
    { provide: BUREAU_HIERARCHY, useExisting: Directory },
    { provide: APPRAISAL_CLOCK, useValue: systemClock },
  ],
})
export class AppraisalFeatureModule {
  static forRoot(options: AppraisalFeatureOptions): DynamicModule {
    return { module: AppraisalFeatureModule, providers: [{ provide: BALLOT_RATE_LIMIT, useValue: options.ballotsPerMinute }] };
  }
}
