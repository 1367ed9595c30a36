import { isEventOf, ResearchWorkRated, RewardGranted, RewardRevoked, Topics, type CloudEvent } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import { recordIntegrationEvent, type ContextConsumer } from '@pledgebook/nest';
import { RESEARCH_CONSUMER, researchFactsStream } from '../streams';

/** The types a research fact can be of: the consumer takes only these from the bus. */
const RESEARCH_FACT_TYPES: readonly string[] = [ResearchWorkRated.type, RewardGranted.type, RewardRevoked.type];

/**
 * Reward-service events a research bonus is computed from: rated works, the grants of their
 * shares (ground research) and revocations. A revocation does not say its ground, so every one is
 * kept; the research view applies those of grants it knows.
 */
export function isResearchFact(event: CloudEvent): boolean {
  if (!RESEARCH_FACT_TYPES.includes(event.type)) return false;
  if (isEventOf(event, ResearchWorkRated) || isEventOf(event, RewardRevoked)) return true;
  return isEventOf(event, RewardGranted) && event.data.ground === 'research';
}

/** Takes in the reward topic: each research fact is recorded in the bureau's research stream (deduplicated by the message id). */
export function researchFactsConsumer(events: EventStore): ContextConsumer {
  return {
    groupId: RESEARCH_CONSUMER,
    topics: [Topics.reward],
    types: RESEARCH_FACT_TYPES,
    async handle(event) {
      if (isResearchFact(event)) await recordIntegrationEvent(events, researchFactsStream(event.bureauid), RESEARCH_CONSUMER, event);
    },
  };
}
