import { canonicalJson, GENESIS_HASH, sha256Hex } from '@pledgebook/util';

export const CHECKPOINT_FORMAT = 'pledgebook-checkpoint/1';

/** One event of the global log as a checkpoint covers it: its global position and its chain hash. */
export type SegmentEntry = [position: number, hash: string];

/**
 * A signed statement about the global event log: every event up to `toPosition`, in global order,
 * is summed up in `runningHash`. Checkpoint n covers the events after checkpoint n−1's
 * `toPosition` (its segment); `runningHash = SHA-256(previousHash ‖ segmentHash)`, so holding any
 * one checkpoint pins every event before it.
 */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  /** Exclusive: the previous checkpoint's toPosition (0 for the first). */
  fromPosition: number;
  toPosition: number;
  events: number;
  /** SHA-256 of the canonical JSON of the segment's [position, hash] entries. */
  segmentHash: string;
  previousHash: string;
  runningHash: string;
  createdAt: string;
  /** The signing key's id (in the JWKS). */
  kid: string;
}

/** A checkpoint with its detached JWS (EdDSA over the canonical JSON of the body): the file an auditor keeps. */
export interface SignedCheckpoint {
  body: CheckpointBody;
  jws: string;
}

export const segmentHash = (entries: readonly SegmentEntry[]): string => sha256Hex(canonicalJson(entries));
export const runningHash = (previousHash: string, segment: string): string => sha256Hex(previousHash + segment);
/** The bytes a checkpoint's signature covers. */
export const checkpointSigningInput = (body: CheckpointBody): string => canonicalJson(body);

export function nextCheckpoint(previous: CheckpointBody | undefined, entries: readonly SegmentEntry[], createdAt: string, kid: string): CheckpointBody {
  const segment = segmentHash(entries);
  const previousHash = previous?.runningHash ?? GENESIS_HASH;
  return {
    format: CHECKPOINT_FORMAT,
    seq: (previous?.seq ?? 0) + 1,
    fromPosition: previous?.toPosition ?? 0,
    toPosition: entries.length > 0 ? entries[entries.length - 1]![0] : (previous?.toPosition ?? 0),
    events: entries.length,
    segmentHash: segment,
    previousHash,
    runningHash: runningHash(previousHash, segment),
    createdAt,
    kid,
  };
}

/** Checks that checkpoints follow one another from the first: sequence, positions and running hashes. */
export function checkpointChainProblem(bodies: readonly CheckpointBody[]): string | undefined {
  let previous: CheckpointBody | undefined;
  for (const body of bodies) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (body.seq !== expectedSeq) return `checkpoint ${body.seq}: expected checkpoint ${expectedSeq} here`;
    if (body.fromPosition !== (previous?.toPosition ?? 0)) return `checkpoint ${body.seq}: starts after position ${body.fromPosition}, but checkpoint ${previous?.seq ?? 0} ends at ${previous?.toPosition ?? 0}`;
    if (body.previousHash !== (previous?.runningHash ?? GENESIS_HASH)) return `checkpoint ${body.seq}: previousHash does not continue checkpoint ${previous?.seq ?? 0}`;
    if (body.runningHash !== runningHash(body.previousHash, body.segmentHash)) return `checkpoint ${body.seq}: runningHash is not SHA-256(previousHash ‖ segmentHash)`;
    previous = body;
  }
  return undefined;
}

/** Checks a segment's entries against the checkpoint that signed them. */
export function segmentProblem(body: CheckpointBody, entries: readonly SegmentEntry[]): string | undefined {
  if (entries.length !== body.events) return `checkpoint ${body.seq}: ${entries.length} entries, the checkpoint counts ${body.events}`;
  let last = body.fromPosition;
  for (const [position] of entries) {
    if (!(position > last && position <= body.toPosition)) return `checkpoint ${body.seq}: position ${position} is out of order or outside (${body.fromPosition}, ${body.toPosition}]`;
    last = position;
  }
  if (segmentHash(entries) !== body.segmentHash) return `checkpoint ${body.seq}: the entries do not hash to the signed segmentHash`;
  return undefined;
}
