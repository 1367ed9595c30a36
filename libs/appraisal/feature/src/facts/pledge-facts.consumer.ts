import { Topics, type CloudEvent } from '@pledgebook/contracts';
import type { EventStore } from '@pledgebook/event-store';
import { recordIntegrationEvent, type ContextConsumer } from '@pledgebook/nest';
import { FACTS_CONSUMER, factsStream } from '../streams';

/** Pledge-service events the appraisal service keeps (drafts matter only once submitted). */
export const isKeptFact = (event: CloudEvent) => event.type.startsWith('pledgebook.pledge.') && !event.type.startsWith('pledgebook.pledge.pledge-drafted.');

/** Takes in the pledge topic: each kept event is recorded in the bureau's facts stream. */
export function pledgeFactsConsumer(events: EventStore): ContextConsumer {
  return {
    groupId: FACTS_CONSUMER,
    topics: [Topics.pledge],
    async handle(event) {
      if (isKeptFact(event)) await recordIntegrationEvent(events, factsStream(event.bureauid), FACTS_CONSUMER, event);
    },
  };
}
