import { ContractRegistry, EVENT_CATALOG, isEventOf, ResultFinalized, Topics, type EventData } from '@pledgebook/contracts';
import type { ConsumerHandle, MessageBus } from '@pledgebook/message-bus';

/** A final appraisal result as pledgebook.appraisal.v1 publishes it, with the CloudEvent's id. */
export type FinalizedResult = EventData<typeof ResultFinalized> & { eventId: string };

/** Which events were handled already: delivery is at least once, so a consumer deduplicates by the CloudEvent id. */
export interface HandledIds {
  has(id: string): boolean | Promise<boolean>;
  add(id: string): unknown;
}

/**
 * Follows `pledgebook.appraisal.v1` as a consumer group (committed offsets: stopped and started
 * again, it goes on where it was) and hands over each finalized result once. Every event is
 * checked against its published JSON Schema first; the other types are skipped.
 */
export function followFinalizedResults(bus: MessageBus, groupId: string, onResult: (result: FinalizedResult) => void | Promise<void>, handled: HandledIds = new Set<string>()): Promise<ConsumerHandle> {
  const contracts: ContractRegistry = new ContractRegistry(EVENT_CATALOG);
  return bus.consume({ groupId, topics: [Topics.appraisal] }, async (messages) => {
    for (const { value: event } of messages) {
      contracts.validate(event);
      if (!isEventOf(event, ResultFinalized) || (await handled.has(event.id))) continue;
      await onResult({ ...event.data, eventId: event.id });
      await handled.add(event.id);
    }
  });
}

const HALF = { H1: '上半年', H2: '下半年' } as const;

/** One line per result, as the example prints it. */
export const formatResult = (r: FinalizedResult) => `${r.bureauId}\t${r.year}${HALF[r.half]}\t${r.memberId}\t${r.partyStatus}\t${r.points.toFixed(2)}\t${r.gradeLabel}\t(${r.grade}, scheme v${r.schemeVersion}, final ${r.finalizedAt})`;
