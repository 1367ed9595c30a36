import type { RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest';
import { REMINDER_DUE, SERVICE_FACT_RECORDED, type DueFact, type ServiceFact } from './domain/facts';
import type { ReminderFactInput } from './domain/plan';

/** A fact as recorded in a facts stream, read back. */
export function factInput(event: RecordedEvent): ReminderFactInput | undefined {
  const bus = recordedIntegrationEvent(event);
  if (bus) return { source: 'bus', type: bus.sourceType, data: bus.data };
  if (event.type === SERVICE_FACT_RECORDED) return { source: 'service', fact: event.data as ServiceFact };
  if (event.type === REMINDER_DUE) return { source: 'due', fact: (event.data as { fact: DueFact }).fact };
  return undefined;
}
