import { NEVER_PUBLISHED_EVENT_TYPES, toIntegrationEvent, type AppraisalDomainEvent } from '@pledgebook/appraisal-domain';
import { APPRAISAL_CONTRACTS, parseEventData, Topics, type EventDefinition } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { cloudEventFrom, type IntegrationMessage } from '@pledgebook/message-bus';
import { aggregateOf } from '../streams';

const SERVICE = 'appraisal-service';
const DEFINITIONS = new Map<string, EventDefinition>(APPRAISAL_CONTRACTS.map((d) => [d.type, d]));

/**
 * Stored events → `pledgebook.appraisal.v1` (key: the aggregate — scheme, check, dispatch or
 * round — so each one's events keep their order). The domain's mapping names the fields; the
 * contract's definition parses them, so nothing off-contract is published. Talk notes, objections
 * and ballots are refused before any mapping runs.
 */
export function mapAppraisalEvent(event: RecordedEvent): IntegrationMessage[] {
  if (NEVER_PUBLISHED_EVENT_TYPES.has(event.type as AppraisalDomainEvent['type'])) return [];
  const aggregate = aggregateOf(event.stream);
  if (!aggregate) return [];
  const mapped = toIntegrationEvent({ type: event.type, data: event.data } as AppraisalDomainEvent, { aggregateId: aggregate.aggregateId, eventId: event.id });
  if (!mapped) return [];
  const definition = DEFINITIONS.get(mapped.type);
  if (!definition) throw new Error(`${mapped.type} has no contract in pledgebook.appraisal.v1`);
  const data = parseEventData(definition, JSON.parse(JSON.stringify(mapped.data)));
  return [{ topic: Topics.appraisal, key: aggregate.aggregateId, value: cloudEventFrom(event, { service: SERVICE, type: mapped.type, subject: mapped.subject, data }) }];
}
