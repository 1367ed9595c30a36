import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import type { MessageBus } from '@pledgebook/message-bus';
import { ContextRuntime, EVENT_STORE, MESSAGE_BUS, Metrics, READ_MODELS, SERVICE_CONFIG, type ServiceConfig } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { pledgeFactsConsumer } from './facts/pledge-facts.consumer';
import { APPRAISAL_CLOCK, type Clock } from './http/request';
import { mapAppraisalEvent } from './integration/appraisal-relay.mapping';
import { factsProjection } from './projections/facts.projection';
import { BOOKS, MEMBERS, ORG_UNITS } from './projections/facts.views';
import { researchFactsConsumer } from './research/research-facts.consumer';
import { researchProjection } from './research/research.projection';
import { RESEARCH_GRANTS, RESEARCH_WORKS } from './research/research.views';
import { FinalizeSweep } from './rounds/finalize.sweep';
import { RELAYED_STREAM_PREFIXES } from './streams';
import { scheduleTalksPolicy } from './talks/schedule-talks.policy';
import { checksProjection } from './views/checks.projection';
import { MONTHLY_CHECKS, ROUND_RESULTS, ROUNDS, SCHEMES, TALKS } from './views/names';
import { roundsProjection } from './views/rounds.projection';
import { schemesProjection } from './views/schemes.projection';
import { talksProjection } from './views/talks.projection';

/** What runs beside the appraisal API: the facts it takes in (pledges, research works), its projections, its relay, the talk policy, the finalize sweep. */
@Injectable()
export class AppraisalRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runtime: ContextRuntime;
  private readonly sweep?: FinalizeSweep;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(READ_MODELS) views: ReadModelStore,
    commands: CommandBus,
    metrics: Metrics,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(APPRAISAL_CLOCK) clock: Clock,
  ) {
    this.runtime = new ContextRuntime(
      { events, bus, views, metrics },
      {
        name: 'appraisal-service',
        relay: { streamPrefixes: RELAYED_STREAM_PREFIXES, map: mapAppraisalEvent },
        projections: [factsProjection, schemesProjection, checksProjection, talksProjection, roundsProjection, researchProjection],
        // In the order the queries filter, then sort (ADR 0028).
        indexes: {
          [MEMBERS]: [{ fields: ['bureauId', 'groupId'] }, { fields: ['bureauId', 'branchId'] }],
          [ORG_UNITS]: [{ fields: ['bureauId'] }],
          [BOOKS]: [{ fields: ['bureauId', 'year', 'status'] }, { fields: ['bureauId', 'groupId'] }],
          [SCHEMES]: [{ fields: ['bureauId', 'year', 'version'] }],
          [MONTHLY_CHECKS]: [{ fields: ['bureauId', 'branchId', 'month'] }, { fields: ['bureauId', 'year', 'groupId'] }, { fields: ['bureauId', 'memberIds', 'year', 'month'] }],
          [TALKS]: [{ fields: ['bureauId', 'branchId', 'status', 'dueOn'] }, { fields: ['bureauId', 'memberId', 'year', 'dueOn'] }, { fields: ['bureauId', 'status', 'dueOn'] }],
          [ROUNDS]: [{ fields: ['bureauId', 'year', 'half'] }, { fields: ['status', 'noticeEndsOn'] }],
          [RESEARCH_WORKS]: [{ fields: ['bureauId', 'ratedOn'] }],
          [RESEARCH_GRANTS]: [{ fields: ['bureauId', 'revoked', 'workId'] }],
          [ROUND_RESULTS]: [{ fields: ['bureauId', 'year', 'half', 'points'] }, { fields: ['bureauId', 'year', 'half', 'grade', 'points'] }, { fields: ['roundId', 'status'] }],
        },
        consumers: [pledgeFactsConsumer(events), researchFactsConsumer(events)],
        policies: () => [scheduleTalksPolicy(commands)],
      },
      { role: config.processRole, leaseTtlMs: config.workerLeaseTtlMs },
    );
    // Finalizing is idempotent (ids derived from the round): every process that does the work sweeps.
    if (config.processRole !== 'api') this.sweep = new FinalizeSweep(views, commands, clock);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
    this.sweep?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweep?.stop();
    await this.runtime.stop();
  }
}
