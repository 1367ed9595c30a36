import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import type { MessageBus } from '@pledgebook/message-bus';
import { ContextRuntime, EVENT_STORE, MESSAGE_BUS, Metrics, READ_MODELS, SERVICE_CONFIG, type ServiceConfig } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { factsConsumer } from './facts/facts.consumer';
import { mapRewardServiceEvent } from './integration/reward-relay.mapping';
import { automaticGrantsOnPolicyPolicy, automaticGrantsPolicy, researchGrantsPolicy, selectionGrantsPolicy, type GrantPolicyPorts } from './policies/grant-policies';
import { directoryProjection } from './projections/directory.projection';
import { recordsProjection } from './projections/records.projection';
import { BUREAUS, GRANTS, MEMBERS, ORG_UNITS, POLICIES, RESEARCH_WORKS, RESULTS, SELECTIONS } from './projections/views';
import { STATISTICS_INDEXES, statisticsProjection } from './statistics/statistics.projection';
import { RELAYED_PREFIXES } from './streams';
import { GrantIssuer } from './writes/grant-issuer';
import { RewardLookups } from './writes/lookups';
import { RewardWrites } from './writes/reward-writes';

/** What runs beside the reward API: the facts it takes in, its projections, its grant policies, its relay. */
@Injectable()
export class RewardRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runtime: ContextRuntime;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(READ_MODELS) views: ReadModelStore,
    metrics: Metrics,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    writes: RewardWrites,
    lookups: RewardLookups,
    issuer: GrantIssuer,
  ) {
    this.runtime = new ContextRuntime(
      { events, bus, views, metrics },
      {
        name: 'reward-service',
        relay: { streamPrefixes: RELAYED_PREFIXES, map: mapRewardServiceEvent },
        projections: [directoryProjection, recordsProjection, statisticsProjection],
        indexes: {
          // In the order the queries filter and sort (ADR 0028).
          [BUREAUS]: [{ fields: ['parentBureauId'] }],
          [MEMBERS]: [{ fields: ['bureauId', 'branchId'] }],
          [ORG_UNITS]: [{ fields: ['bureauId'] }],
          [RESULTS]: [{ fields: ['bureauId', 'memberId'] }],
          [POLICIES]: [{ fields: ['bureauId', 'year'] }],
          [SELECTIONS]: [{ fields: ['bureauId', 'updatedAt'] }, { fields: ['bureauId', 'year', 'updatedAt'] }],
          [GRANTS]: [{ fields: ['bureauId', 'updatedAt'] }, { fields: ['bureauId', 'recipientKey', 'updatedAt'] }, { fields: ['bureauId', 'year', 'updatedAt'] }],
          [RESEARCH_WORKS]: [{ fields: ['bureauId', 'updatedAt'] }, { fields: ['bureauId', 'year', 'status'] }],
          ...STATISTICS_INDEXES,
        },
        consumers: [factsConsumer(events)],
        policies: ({ projection }) => {
          const ports: GrantPolicyPorts = { events, writes, lookups, issuer, directoryCheckpoint: () => projection(directoryProjection.name).checkpoint() };
          return [selectionGrantsPolicy(ports), researchGrantsPolicy(ports), automaticGrantsPolicy(ports), automaticGrantsOnPolicyPolicy(ports)];
        },
      },
      { role: config.processRole, leaseTtlMs: config.workerLeaseTtlMs },
    );
  }

  /** The projection runners (an operator's rebuild, the benchmark). */
  get projections() {
    return this.runtime.projectionRunners;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start();
  }

  // Before the stores close (they close in onApplicationShutdown).
  beforeApplicationShutdown(): Promise<void> {
    return this.runtime.stop();
  }
}
