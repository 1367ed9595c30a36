import { Topics, type CloudEvent } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import { recordIntegrationEvent, type ContextConsumer } from '@pledgebook/nest';
import { FACTS_CONSUMER, factsStream } from '../streams';

/** The pledge topic's events the reward service needs: the directory, books and their fulfilment records. */
const PLEDGE_FACTS = [
  'bureau-registered',
  'org-unit-added',
  'member-added',
  'member-updated',
  'member-moved',
  'pledge-submitted',
  'pledge-revised',
  'pledge-published',
  'pledge-withdrawn',
  'pledge-closed',
  'progress-recorded',
].map((name) => `pledgebook.pledge.${name}.v1`);
/** From the appraisal topic: final results (the basis of selections and grants) and monthly checks (counts). */
const APPRAISAL_FACTS = ['result-finalized', 'monthly-check-recorded'].map((name) => `pledgebook.appraisal.${name}.v1`);
const KEPT = new Set([...PLEDGE_FACTS, ...APPRAISAL_FACTS]);

export const isKeptFact = (event: CloudEvent) => KEPT.has(event.type);

/**
 * Takes in the pledge and appraisal topics: each kept event is recorded in its bureau's facts
 * stream (ADR 0019), so every view and figure built from them rebuilds from the event store.
 */
export function factsConsumer(events: EventStore): ContextConsumer {
  return {
    groupId: FACTS_CONSUMER,
    topics: [Topics.pledge, Topics.appraisal],
    types: [...KEPT],
    async handle(event) {
      if (isKeptFact(event)) await recordIntegrationEvent(events, factsStream(event.bureauid), FACTS_CONSUMER, event);
    },
  };
}
