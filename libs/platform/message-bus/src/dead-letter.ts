import { deadLetterTopic } from '@pledgebook/contracts';
import type { BusMessage, MessageBus, ParkedMessage } from './types';

export const DLQ_HEADERS = {
  error: 'x-dlq-error',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  group: 'x-dlq-group',
  attempts: 'x-dlq-attempts',
  parkedAt: 'x-dlq-parked-at',
  /** On a marker message: the parkedId it resolves (replayed or discarded). */
  resolves: 'x-dlq-resolves',
} as const;

const parkedIdOf = (m: BusMessage) => `${m.partition}:${m.offset}`;

export async function park(bus: MessageBus, message: BusMessage, groupId: string, error: unknown, attempts: number, now: Date): Promise<void> {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await bus.publish(deadLetterTopic(message.topic), [
    {
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        [DLQ_HEADERS.error]: text.slice(0, 2000),
        [DLQ_HEADERS.originalTopic]: message.topic,
        [DLQ_HEADERS.originalPartition]: String(message.partition),
        [DLQ_HEADERS.originalOffset]: String(message.offset),
        [DLQ_HEADERS.group]: groupId,
        [DLQ_HEADERS.attempts]: String(attempts),
        [DLQ_HEADERS.parkedAt]: now.toISOString(),
      },
    },
  ]);
}

/** Parked messages of a topic that have not been replayed yet, oldest first. */
export async function listParked(bus: MessageBus, topic: string): Promise<ParkedMessage[]> {
  const all = await bus.browse(deadLetterTopic(topic));
  const resolved = new Set(all.map((m) => m.headers[DLQ_HEADERS.resolves]).filter((id): id is string => !!id));
  // A consumer that crashed after parking but before committing parks the same message again.
  const seen = new Set<string>();
  return all
    .filter((m) => !m.headers[DLQ_HEADERS.resolves] && !resolved.has(parkedIdOf(m)))
    .filter((m) => {
      const original = `${m.headers[DLQ_HEADERS.group]}|${m.headers[DLQ_HEADERS.originalPartition]}|${m.headers[DLQ_HEADERS.originalOffset]}`;
      if (seen.has(original)) return false;
      seen.add(original);
      return true;
    })
    .map((m) => ({
      parkedId: parkedIdOf(m),
      originalTopic: m.headers[DLQ_HEADERS.originalTopic] ?? topic,
      groupId: m.headers[DLQ_HEADERS.group] ?? '',
      error: m.headers[DLQ_HEADERS.error] ?? '',
      attempts: Number(m.headers[DLQ_HEADERS.attempts] ?? 0),
      parkedAt: m.headers[DLQ_HEADERS.parkedAt] ?? '',
      message: m,
    }));
}

/**
 * Publishes parked messages back to their topic (same CloudEvent id, so consumers that did
 * handle them deduplicate), then records that they were replayed. Returns how many.
 */
export async function replayParked(bus: MessageBus, topic: string, parkedIds?: readonly string[]): Promise<number> {
  const parked = (await listParked(bus, topic)).filter((p) => !parkedIds || parkedIds.includes(p.parkedId));
  for (const p of parked) {
    const headers = Object.fromEntries(Object.entries(p.message.headers).filter(([k]) => !k.startsWith('x-dlq-')));
    await bus.publish(p.originalTopic, [{ key: p.message.key, value: p.message.value, headers }]);
    await bus.publish(deadLetterTopic(topic), [
      { key: p.message.key, value: p.message.value, headers: { [DLQ_HEADERS.resolves]: p.parkedId } },
    ]);
  }
  return parked.length;
}
