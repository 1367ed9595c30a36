import { Logger } from '@nestjs/common';
import type { EventStore, Policy, RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest/consumed-facts';
import {
  automaticAwards,
  eligibleOnResult,
  initialSelectionState,
  resultRef,
  SYSTEM_ROLE,
  type Actor,
  type FinalResult,
  type Honour,
  type ResearchWorkEvent,
  type RewardPolicyEvent,
  type SelectionEvent,
} from '@pledgebook/reward-domain';
import { DomainError, sleep } from '@pledgebook/util';
import { eventName, resultFinalized } from '../facts/fact-reader';
import { factsStream, PREFIX, selectionStream } from '../streams';
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

/** A final result as the facts stream recorded it, with the recorded event that carries it. */
interface RecordedResult {
  result: FinalResult;
  finalizedAt: string;
  fact: RecordedEvent;
}

/** A final result of a recorded fact, when the fact is one (the appraisal topic's `result-finalized`). */
function recordedResult(event: RecordedEvent): RecordedResult | undefined {
  const fact = recordedIntegrationEvent(event);
  if (!fact || eventName(fact.sourceType) !== 'result-finalized' || !fact.sourceType.startsWith('pledgebook.appraisal.')) return undefined;
  const r = resultFinalized(fact.data);
  if (!r) return undefined;
  return { result: { memberId: r.memberId, roundId: r.roundId, year: r.year, half: r.half, grade: r.grade }, finalizedAt: r.finalizedAt, fact: event };
}

/**
 * Grants one automatic honour on one recorded result. The event ids derive from the fact and the
 * honour, whichever path grants it (the result arriving, or the policy being set), so the two
 * paths and any repeat of either append one grant.
 */
function grantAutomatic(ports: GrantPolicyPorts, bureauId: string, honour: Honour, recorded: RecordedResult, cause: RecordedEvent): Promise<void> {
  const { result, finalizedAt, fact } = recorded;
  return grantOnce(ports, {
    bureauId,
    year: result.year,
    recipient: { type: 'member', id: result.memberId },
    ground: 'fulfilment',
    basis: { type: 'result', id: resultRef(result) },
    title: honour.title,
    ...honour.reward,
    actor: system(bureauId),
    at: finalizedAt,
    metadata: metadataFor(cause, bureauId),
    idempotencySeed: `automatic-grant|${fact.id}|${honour.honourId}`,
  });
}

/** A final result grants the policy's automatic honour for its grade (with its consecutive rule), if the year's policy has one. */
export function automaticGrantsPolicy(ports: GrantPolicyPorts): Policy {
  return {
    name: 'reward-service.automatic-grants',
    filter: { streamPrefixes: [PREFIX.facts] },
    async handle(event) {
      const recorded = recordedResult(event);
      const bureauId = recordedIntegrationEvent(event)?.bureauId;
      if (!recorded || !bureauId) return;
      const policy = await ports.lookups.policy(bureauId, recorded.result.year);
      const honours = policy?.honours.filter((h) => h.award === 'automatic') ?? [];
      if (honours.length === 0) return;
      await untilDirectoryHolds(ports, event.position);
      const history = await ports.lookups.results(bureauId, recorded.result.memberId);
      for (const honour of honours) {
        if (eligibleOnResult(honour, recorded.result, history).eligible) await grantAutomatic(ports, bureauId, honour, recorded, event);
      }
    },
  };
}

/** Every final result the bureau's facts stream recorded (ADR 0019), in the order recorded. */
async function recordedResults(events: EventStore, bureauId: string): Promise<{ results: RecordedResult[]; lastPosition?: number }> {
  const results: RecordedResult[] = [];
  let lastPosition: number | undefined;
  for (let from = 0; ; ) {
    const page = await events.readStream(factsStream(bureauId), { from, maxCount: 1000 });
    for (const e of page) {
      const r = recordedResult(e);
      if (r) results.push(r);
      lastPosition = e.position;
    }
    if (page.length < 1000) return { results, ...(lastPosition !== undefined ? { lastPosition } : {}) };
    from = page[page.length - 1]!.revision + 1;
  }
}

/**
 * Setting or changing a year's policy applies its automatic honours to the final results already
 * recorded for that year — read from the service's own facts stream, not a view — so honours do
 * not depend on whether a result came before or after the policy (ADR 0083).
 */
export function automaticGrantsOnPolicyPolicy(ports: GrantPolicyPorts): Policy {
  return {
    name: 'reward-service.automatic-grants-on-policy',
    filter: { streamPrefixes: [PREFIX.policy], eventTypes: ['RewardPolicySet'] },
    async handle(event) {
      const { bureauId, year } = (event.data as RewardPolicyEvent['data']);
      // The policy as it stands now: a later version, handled after this one, would give the same grants.
      const policy = await ports.lookups.policy(bureauId, year);
      if (!policy?.honours.some((h) => h.award === 'automatic')) return;
      const { results, lastPosition } = await recordedResults(ports.events, bureauId);
      const latest = new Map(results.map((r) => [resultRef(r.result), r]));
      const awards = automaticAwards(policy.honours, year, results.map((r) => r.result));
      if (awards.length === 0) return;
      // The issuer checks recipient and basis in the directory view: let it catch up with the facts read.
      if (lastPosition !== undefined) await untilDirectoryHolds(ports, lastPosition);
      for (const { honour, result } of awards) await grantAutomatic(ports, bureauId, honour, latest.get(resultRef(result))!, event);
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
