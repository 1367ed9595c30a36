import {
  AUDIT_LOG_PREFIX,
  AUDIT_LOG_PRUNED,
  checkpointSigningInput,
  nextCheckpoint,
  runningHash,
  segmentHash,
  segmentProblem,
  verifyDetachedJws,
  type AuditLogPrunedData,
  type CheckpointBody,
  type SegmentEntry,
  type SignedCheckpoint,
} from '@pledgebook/audit-domain';
import { GENESIS_HASH, WrongExpectedRevision, type EventStore, type RecordedEvent } from '@pledgebook/event-store';
import { newId, type Clock } from '@pledgebook/util';
import type { EvidenceSigner } from '../evidence/signer';

/** Checkpoints live in the event store, in a hash-chained stream of their own. */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_SIGNED = 'CheckpointSigned';

export interface CheckpointEventData {
  body: CheckpointBody;
  jws: string;
  /** The segment: [position, hash] of every event the checkpoint adds, as they were when it was signed. */
  entries: SegmentEntry[];
}

export interface CheckpointMismatch {
  seq: number;
  position: number;
  stream?: string;
  revision?: number;
  signedHash?: string;
  storedHash?: string;
  problem: string;
}

export interface CheckpointVerification {
  ok: boolean;
  checkpoints: number;
  events: number;
  lastCheckpoint?: { seq: number; toPosition: number; runningHash: string };
  problem?: string;
  firstMismatch?: CheckpointMismatch;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const dataOf = (event: RecordedEvent) => event.data as CheckpointEventData;
const signedOf = (event: RecordedEvent): SignedCheckpoint => ({ body: dataOf(event).body, jws: dataOf(event).jws });

/**
 * Periodic signed checkpoints of the global log. Any gateway replica may write the next one:
 * appends carry the expected revision, so two writers never sign two different checkpoint n.
 */
export class CheckpointService {
  constructor(
    private readonly events: EventStore,
    private readonly signer: EvidenceSigner,
    private readonly clock: Clock,
    private readonly options: { segmentMax: number },
  ) {}

  async latest(): Promise<SignedCheckpoint | undefined> {
    const [last] = await this.events.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
    return last ? signedOf(last) : undefined;
  }

  /** Checkpoints after `afterSeq`, oldest first, without their segments. */
  async list(afterSeq: number, limit: number): Promise<SignedCheckpoint[]> {
    return (await this.events.readStream(CHECKPOINT_STREAM, { from: afterSeq, maxCount: limit })).map(signedOf);
  }

  /** Every checkpoint with its segment, page by page. */
  async *all(page = 50): AsyncGenerator<CheckpointEventData> {
    for (let from = 0; ; from += page) {
      const events = await this.events.readStream(CHECKPOINT_STREAM, { from, maxCount: page });
      for (const event of events) yield dataOf(event);
      if (events.length < page) return;
    }
  }

  /** Signs checkpoints until one covers `target` (the head when an export is cut). */
  async ensureUpTo(target: number): Promise<SignedCheckpoint | undefined> {
    for (;;) {
      const last = await this.latest();
      const from = last?.body.toPosition ?? 0;
      if (from >= target) return last;
      const { events } = await this.events.readAll({ after: from, maxCount: this.options.segmentMax });
      if (events.length === 0) return last;
      const entries: SegmentEntry[] = events.map((e) => [e.position, e.hash]);
      const body = nextCheckpoint(last?.body, entries, this.clock.now().toISOString(), this.signer.kid);
      const jws = await this.signer.sign(utf8(checkpointSigningInput(body)));
      const data: CheckpointEventData = { body, jws, entries };
      try {
        await this.events.append(
          CHECKPOINT_STREAM,
          [{ id: newId(), type: CHECKPOINT_SIGNED, data, metadata: { bureauId: 'system', actorId: 'gateway', actorRole: 'system', correlationId: `checkpoint-${body.seq}`, causationId: `checkpoint-${body.seq}` } }],
          { expectedRevision: last ? last.body.seq - 1 : 'no_stream' },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // Another replica signed checkpoint n first: continue from it.
      }
    }
  }

  /** The periodic step: a checkpoint when anything but checkpoints was recorded since the last one. */
  async tick(): Promise<void> {
    const from = (await this.latest())?.body.toPosition ?? 0;
    const { events } = await this.events.readAll({ after: from, maxCount: 2 });
    if (events.every((e) => e.stream === CHECKPOINT_STREAM)) return;
    await this.ensureUpTo(await this.events.headPosition());
  }

  /**
   * Re-reads the log and checks every checkpoint: its signature, its link to the one before, its
   * segment against its hashes, and the store's events against the segment — naming the first
   * event whose hash differs from the one signed (history changed after the checkpoint). An event
   * gone from the store is accounted for only by a retention anchor that names its position, and
   * each anchor's digest must match what the checkpoints signed for those positions (ADR 0079).
   */
  async verifyAll(): Promise<CheckpointVerification> {
    const retention = await this.retentionAnchors();
    let previousHash = GENESIS_HASH;
    let count = 0;
    let events = 0;
    let last: CheckpointBody | undefined;
    for await (const { body, jws, entries } of this.all()) {
      const fail = (problem: string, firstMismatch?: CheckpointMismatch): CheckpointVerification => ({ ok: false, checkpoints: count, events, problem, ...(firstMismatch ? { firstMismatch } : {}) });
      if (!(await verifyDetachedJws(jws, utf8(checkpointSigningInput(body)), this.signer.jwks))) return fail(`checkpoint ${body.seq}: the signature does not verify`);
      if (body.previousHash !== previousHash || body.runningHash !== runningHash(body.previousHash, body.segmentHash)) return fail(`checkpoint ${body.seq}: does not continue the checkpoint before it`);
      const segment = segmentProblem(body, entries);
      if (segment) return fail(segment);
      const stored = (await this.events.readAll({ after: body.fromPosition, maxCount: entries.length + 1 })).events.filter((e) => e.position <= body.toPosition);
      let j = 0;
      for (const signed of entries) {
        const found = stored[j];
        if (found?.position === signed[0] && found.hash === signed[1]) {
          j += 1;
          continue;
        }
        const anchor = found?.position === signed[0] ? undefined : retention.byPosition.get(signed[0]);
        if (anchor) {
          anchor.signed.push(signed);
          continue;
        }
        const event = found?.position === signed[0] ? found : undefined;
        return fail(`checkpoint ${body.seq}: the event at position ${signed[0]} is not the one signed`, {
          seq: body.seq,
          position: signed[0],
          ...(event ? { stream: event.stream, revision: event.revision, storedHash: event.hash } : {}),
          signedHash: signed[1],
          problem: event ? 'its hash differs from the signed one' : 'missing from the store',
        });
      }
      const extra = stored[j];
      if (extra) return fail(`checkpoint ${body.seq}: the event at position ${extra.position} was not signed`, { seq: body.seq, position: extra.position, stream: extra.stream, revision: extra.revision, storedHash: extra.hash, problem: 'not at the signed position' });
      previousHash = body.runningHash;
      count += 1;
      events += entries.length;
      last = body;
    }
    for (const anchor of retention.anchors) {
      const covered = anchor.data.positions.every((p) => last !== undefined && p <= last.toPosition);
      if (covered && (anchor.signed.length !== anchor.data.count || segmentHash(anchor.signed) !== anchor.data.digest)) {
        return { ok: false, checkpoints: count, events, problem: `the retention anchor at position ${anchor.position} (${anchor.data.stream}, revisions ${anchor.data.firstRevision} to ${anchor.data.throughRevision}) does not match the events the checkpoints signed` };
      }
    }
    return { ok: true, checkpoints: count, events, ...(last ? { lastCheckpoint: { seq: last.seq, toPosition: last.toPosition, runningHash: last.runningHash } } : {}) };
  }

  /** Every retention anchor of the audit logs, by the positions of the events it removed. */
  private async retentionAnchors() {
    const anchors: Array<{ position: number; data: AuditLogPrunedData; signed: SegmentEntry[] }> = [];
    const byPosition = new Map<number, (typeof anchors)[number]>();
    for (let after = 0; ; ) {
      const page = await this.events.readAll({ after, maxCount: 1000, filter: { streamPrefixes: [AUDIT_LOG_PREFIX], eventTypes: [AUDIT_LOG_PRUNED] } });
      for (const event of page.events) {
        const anchor = { position: event.position, data: event.data as AuditLogPrunedData, signed: [] as SegmentEntry[] };
        // The same run anchored twice (two replicas at once) is accounted for once.
        if (anchors.some((a) => a.data.stream === anchor.data.stream && a.data.firstRevision === anchor.data.firstRevision)) continue;
        anchors.push(anchor);
        for (const p of anchor.data.positions) if (!byPosition.has(p)) byPosition.set(p, anchor);
      }
      if (page.lastPosition === undefined || page.lastPosition <= after) break;
      after = page.lastPosition;
    }
    return { anchors, byPosition };
  }
}
