import { Logger } from '@nestjs/common';
import type { EventStore, Policy, RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest/consumed-facts';
import { eligibleOnResult, initialSelectionState, resultRef, SYSTEM_ROLE, type Actor, type ResearchWorkEvent, type SelectionEvent } from '@pledgebook/reward-domain';
import { DomainError, sleep } from '@pledgebook/util';
import { eventName, resultFinalized } from '../facts/fact-reader';
import { PREFIX, selectionStream } from '../streams';
import type { GrantIssuer, GrantRequest } from '../writes/grant-issuer';
import type { RewardLookups } from '../writes/lookups';
import type { RewardWrites } from '../writes/reward-writes';

export interface GrantPolicyPorts {
  events: EventStore;
  writes: RewardWrites;
  lookups: RewardLookups;
  issuer: GrantIssuer;
  /** The directory projection's checkpoint: the results view holds every fact up to it. */
  directoryCheckpoint(): Promise<number | undefined>;
}

const logger = new Logger('reward-grants');
const system = (bureauId: string): Actor => ({ memberId: 'system', bureauId, roles: [SYSTEM_ROLE] });
const metadataFor = (event: RecordedEvent, bureauId: string) => ({ bureauId, actorId: 'system', actorRole: SYSTEM_ROLE, correlationId: event.metadata.correlationId, causationId: event.id });

/**
 * Grants that follow from a decision already recorded. Each grant's event ids derive from the
 * triggering event and the recipient, so handling an event again (after a crash) appends nothing;
 * a grant the leading group already made by hand is the same grant (409), and is left as it is.
 */
async function grantOnce(ports: GrantPolicyPorts, request: GrantRequest): Promise<void> {
  try {
    await ports.issuer.grant(request);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error; // the store or a lookup failed: the runner retries
    if (error.code !== 'grant_exists') logger.warn(`no ${request.ground} grant to ${request.recipient.id} on ${request.basis.id}: ${error.message}`);
  }
}

/** An announced selection grants its honour's reward to each member selected. */
export function selectionGrantsPolicy(ports: GrantPolicyPorts): Policy {
  return {
    name: 'reward-service.selection-grants',
    filter: { streamPrefixes: [PREFIX.selection], eventTypes: ['SelectionAnnounced'] },
    async handle(event) {
      const { selectionId } = (event.data as Extract<SelectionEvent, { type: 'SelectionAnnounced' }>['data']);
      const { state } = await ports.writes.selections.load(selectionStream(selectionId), { initialState: () => initialSelectionState(selectionId) });
      if (state.status !== 'announced' || !state.honour || !state.decision) return;
      for (const memberId of state.decision.selected) {
        await grantOnce(ports, {
          bureauId: state.bureauId!,
          year: state.year!,
          recipient: { type: 'member', id: memberId },
          ground: 'selection',
          basis: { type: 'selection', id: selectionId },
          title: state.title!,
          ...state.honour.reward,
          actor: system(state.bureauId!),
          at: state.announcedAt!,
          metadata: metadataFor(event, state.bureauId!),
          idempotencySeed: `selection-grant|${event.id}|${memberId}`,
        });
      }
    },
  };
}

/** A rated research work grants each author their share of the level's amount. */
export function researchGrantsPolicy(ports: GrantPolicyPorts): Policy {
  return {
    name: 'reward-service.research-grants',
    filter: { streamPrefixes: [PREFIX.researchWork], eventTypes: ['ResearchWorkRated'] },
    async handle(event) {
      const rated = (event.data as Extract<ResearchWorkEvent, { type: 'ResearchWorkRated' }>['data']);
      for (const { memberId, shareFen } of rated.shares) {
        if (shareFen === 0) continue;
        await grantOnce(ports, {
          bureauId: rated.bureauId,
          year: rated.year,
          recipient: { type: 'member', id: memberId },
          ground: 'research',
          basis: { type: 'research-work', id: rated.workId },
          title: `${rated.categoryName}·${rated.levelName}`,
          spiritual: [],
          material: { kind: 'money', amountFen: shareFen },
          actor: system(rated.bureauId),
          at: rated.ratedAt,
          metadata: metadataFor(event, rated.bureauId),
          idempotencySeed: `research-grant|${event.id}|${memberId}`,
        });
      }
    },
  };
}

/** A final result grants the policy's automatic honour for its grade (with its consecutive rule), if the year's policy has one. */
export function automaticGrantsPolicy(ports: GrantPolicyPorts): Policy {
  return {
    name: 'reward-service.automatic-grants',
    filter: { streamPrefixes: [PREFIX.facts] },
    async handle(event) {
      const fact = recordedIntegrationEvent(event);
      if (!fact || eventName(fact.sourceType) !== 'result-finalized' || !fact.sourceType.startsWith('pledgebook.appraisal.')) return;
      const result = resultFinalized(fact.data);
      if (!result) return;
      const policy = await ports.lookups.policy(fact.bureauId, result.year);
      const honours = policy?.honours.filter((h) => h.award === 'automatic') ?? [];
      if (honours.length === 0) return;
      await untilDirectoryHolds(ports, event.position);
      const history = await ports.lookups.results(fact.bureauId, result.memberId);
      for (const honour of honours) {
        const judged = { memberId: result.memberId, roundId: result.roundId, year: result.year, half: result.half, grade: result.grade };
        if (!eligibleOnResult(honour, judged, history).eligible) continue;
        await grantOnce(ports, {
          bureauId: fact.bureauId,
          year: result.year,
          recipient: { type: 'member', id: result.memberId },
          ground: 'fulfilment',
          basis: { type: 'result', id: resultRef(judged) },
          title: honour.title,
          ...honour.reward,
          actor: system(fact.bureauId),
          at: result.finalizedAt,
          metadata: metadataFor(event, fact.bureauId),
          idempotencySeed: `automatic-grant|${event.id}|${honour.honourId}`,
        });
      }
    },
  };
}

/** Waits until the results view holds every fact recorded up to `position`. */
async function untilDirectoryHolds(ports: GrantPolicyPorts, position: number): Promise<void> {
  for (;;) {
    const applied = await ports.directoryCheckpoint();
    if (applied !== undefined && applied >= position) return;
    const next = await ports.events.readAll({ ...(applied !== undefined ? { after: applied } : {}), maxCount: 1, filter: { streamPrefixes: [PREFIX.facts] } });
    if (!next.events[0] || next.events[0].position > position) return;
    await sleep(50);
  }
}
