import type { EventMetadata, RecordedEvent } from '@pledgebook/event-store';

/** Our chain fields travel in EventStoreDB's event metadata under this key. */
export const CHAIN_KEY = '$pledgebook';
/** Checkpoint streams; the leading underscore keeps them apart from every domain stream name. */
export const CHECKPOINT_PREFIX = '_checkpoint-';

export interface ChainFields {
  recordedAt: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

export interface EsdbRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata?: unknown;
  position?: { commit: bigint; prepare: bigint };
}

export function toEsdbMetadata(metadata: EventMetadata, chain: ChainFields): Record<string, unknown> {
  return { ...metadata, [CHAIN_KEY]: chain };
}

/**
 * Maps an EventStoreDB event back to ours. The global position is the prepare position:
 * unique per event and increasing in log order, which is what checkpoints need.
 */
export function fromEsdb(event: EsdbRecorded): RecordedEvent {
  const { [CHAIN_KEY]: chain, ...metadata } = (event.metadata ?? {}) as Record<string, unknown> & { [CHAIN_KEY]?: ChainFields };
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: event.position ? Number(event.position.prepare) : -1,
    type: event.type,
    schemaVersion: chain?.schemaVersion ?? 1,
    data: event.data,
    metadata: metadata as EventMetadata,
    recordedAt: chain?.recordedAt ?? '',
    prevHash: chain?.prevHash ?? '',
    hash: chain?.hash ?? '',
  };
}

export function isOwnEvent(event: { streamId: string; type: string }): boolean {
  return !event.streamId.startsWith('$') && !event.type.startsWith('$') && !event.streamId.startsWith(CHECKPOINT_PREFIX);
}
