import { checkpointSigningInput, nextCheckpoint, runningHash, segmentProblem, verifyDetachedJws, type CheckpointBody, type SegmentEntry, type SignedCheckpoint } from '@pledgebook/audit-domain';
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
   * event whose hash differs from the one signed (history changed after the checkpoint).
   */
  async verifyAll(): Promise<CheckpointVerification> {
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
      for (let i = 0; i < Math.max(entries.length, stored.length); i += 1) {
        const signed = entries[i];
        const found = stored[i];
        if (signed && found && signed[0] === found.position && signed[1] === found.hash) continue;
        const event = found ?? undefined;
        return fail(`checkpoint ${body.seq}: the event at position ${signed?.[0] ?? found?.position} is not the one signed`, {
          seq: body.seq,
          position: signed?.[0] ?? found!.position,
          ...(event ? { stream: event.stream, revision: event.revision, storedHash: event.hash } : {}),
          ...(signed ? { signedHash: signed[1] } : {}),
          problem: !found ? 'missing from the store' : !signed || signed[0] !== found.position ? 'not at the signed position' : 'its hash differs from the signed one',
        });
      }
      previousHash = body.runningHash;
      count += 1;
      events += entries.length;
      last = body;
    }
    return { ok: true, checkpoints: count, events, ...(last ? { lastCheckpoint: { seq: last.seq, toPosition: last.toPosition, runningHash: last.runningHash } } : {}) };
  }
}
