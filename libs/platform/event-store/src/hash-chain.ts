import { chainHash, GENESIS_HASH } from '@pledgebook/util';
import type { RecordedEvent, StreamVerification } from './types';

export { GENESIS_HASH };

type Hashed = Pick<
  RecordedEvent,
  'id' | 'stream' | 'revision' | 'type' | 'schemaVersion' | 'data' | 'metadata' | 'recordedAt'
>;

/**
 * The part of an event the hash covers. The global position is left out on purpose:
 * it is assigned by the store, so a chain stays valid when a stream is copied between stores.
 */
export function hashedContent(event: Hashed): Hashed {
  return {
    id: event.id,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
}

export function eventHash(prevHash: string, event: Hashed): string {
  return chainHash(prevHash, hashedContent(event));
}

/**
 * The canonical JSON of `hashedContent` assembled from already-canonical data and metadata
 * text, for writers that store that text anyway: no second serialisation of the payload.
 * Keys are in RFC 8785 order (data, id, metadata, recordedAt, revision, schemaVersion, stream,
 * type); strings and integers serialise as JSON.stringify does, which is what RFC 8785 specifies.
 * `event-hash.unit.spec.ts` checks it against the general canonicaliser.
 */
export function canonicalHashedContent(
  event: Pick<Hashed, 'id' | 'stream' | 'revision' | 'type' | 'schemaVersion' | 'recordedAt'>,
  canonicalData: string,
  canonicalMetadata: string,
): string {
  return (
    `{"data":${canonicalData},"id":${JSON.stringify(event.id)},"metadata":${canonicalMetadata},` +
    `"recordedAt":${JSON.stringify(event.recordedAt)},"revision":${event.revision},"schemaVersion":${event.schemaVersion},` +
    `"stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)}}`
  );
}

/**
 * Walks one stream's events in revision order and recomputes the chain.
 * Feed it pages in order; `result()` names the first broken revision, if any.
 */
export class ChainVerifier {
  private expectedRevision = 0;
  private prevHash = GENESIS_HASH;
  private broken?: Pick<StreamVerification, 'firstBrokenRevision' | 'problem'>;
  private count = 0;

  constructor(private readonly stream: string) {}

  /** Returns false once a break is found (no need to read further). */
  add(events: readonly RecordedEvent[]): boolean {
    for (const event of events) {
      if (this.broken) return false;
      this.count += 1;
      if (event.revision !== this.expectedRevision) {
        this.broken = { firstBrokenRevision: this.expectedRevision, problem: 'revision_gap' };
      } else if (event.prevHash !== this.prevHash) {
        this.broken = { firstBrokenRevision: event.revision, problem: 'prev_hash_mismatch' };
      } else if (eventHash(event.prevHash, event) !== event.hash) {
        this.broken = { firstBrokenRevision: event.revision, problem: 'hash_mismatch' };
      }
      this.prevHash = event.hash;
      this.expectedRevision = event.revision + 1;
    }
    return !this.broken;
  }

  result(): StreamVerification {
    return {
      stream: this.stream,
      ok: !this.broken,
      eventsChecked: this.count,
      ...(this.broken ? this.broken : { lastHash: this.count > 0 ? this.prevHash : undefined }),
    };
  }
}
