import { Topics } from '@pledgebook/contracts';
import type { EventStore, RecordedEvent } from '@pledgebook/event-store';
import { BUREAUS, type BureauDocument } from '@pledgebook/gateway-subscriptions';
import { recordedIntegrationEvent, recordIntegrationEvent, type ContextConsumer } from '@pledgebook/nest';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';

/** The gateway records each bureau it learns in a stream of its own, so its bureau view rebuilds from the store (ADR 0019). */
export const FACTS_CONSUMER = 'gateway.bureaus';
export const FACTS_STREAM_PREFIX = 'gateway-facts-';
export const factsStream = (bureauId: string) => `${FACTS_STREAM_PREFIX}${bureauId}`;
const BUREAU_REGISTERED = 'pledgebook.pledge.bureau-registered.v1';

/** Takes `bureau-registered` from the pledge topic into the gateway's facts streams. */
export function bureauFactsConsumer(events: EventStore): ContextConsumer {
  return {
    groupId: FACTS_CONSUMER,
    topics: [Topics.pledge],
    types: [BUREAU_REGISTERED],
    async handle(event) {
      if (event.type !== BUREAU_REGISTERED) return;
      const bureauId = (event.data as { bureauId: string }).bureauId;
      await recordIntegrationEvent(events, factsStream(bureauId), FACTS_CONSUMER, event);
    },
  };
}

/** The bureau hierarchy the subscriptions' scopes follow: each bureau with its parent authority. */
export const bureausProjection: Projection = {
  name: 'gateway-bureaus',
  version: 1,
  collections: [BUREAUS],
  filter: { streamPrefixes: [FACTS_STREAM_PREFIX] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const fact = recordedIntegrationEvent(event);
    if (fact?.sourceType !== BUREAU_REGISTERED) return;
    const data = fact.data as { bureauId: string; name: string; parentBureauId?: string };
    await ctx.collection<BureauDocument>(BUREAUS).replace(
      { _id: data.bureauId, bureauId: data.bureauId, name: data.name, ...(data.parentBureauId ? { parentBureauId: data.parentBureauId } : {}) },
      { stream: event.stream, revision: event.revision },
    );
  },
};
