import type { EventStore } from '@pledgebook/event-store';
import { eventStoreEngine, messageBusEngine, readModelEngine } from '@pledgebook/infrastructure';
import type { MessageBus } from '@pledgebook/message-bus';
import type { HealthProbes } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import type { SubscriptionSettings } from '../config';

/**
 * Readiness of what the outside subscriptions depend on, named as the services name theirs: the
 * bus they read (`messageBus`), the document store that holds the subscriptions, their delivery
 * state and the bureau view (`readModels`), and the event store the bureau facts are recorded in
 * (`eventStore`). A 503 from /health/ready names the engine and why.
 */
export function subscriptionProbes(parts: { events: EventStore; bus: MessageBus; views: ReadModelStore }, s: Pick<SubscriptionSettings, 'busUrl' | 'readModelUrl' | 'eventStoreUrl'>): HealthProbes {
  return {
    eventStore: { engine: eventStoreEngine(s.eventStoreUrl), check: async () => ({ head: await parts.events.headPosition() }) },
    messageBus: { engine: messageBusEngine(s.busUrl), check: () => parts.bus.ping() },
    readModels: { engine: readModelEngine(s.readModelUrl), check: () => parts.views.ping() },
  };
}
