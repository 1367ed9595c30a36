import { GENESIS_HASH } from '@pledgebook/util';
import { segmentHash, type SegmentEntry } from './checkpoint';

/**
 * Retention of the audit log (ADR 0079): entries older than the retention are removed, and for
 * each run of removed revisions an anchor stays in the same stream, chained like any entry. It
 * names the run, the hash the chain continues from, and the removed events' global positions and
 * their digest, so the stream still verifies across the gap and the signed checkpoints still
 * account for every position. Anchors themselves are never removed.
 */
export const AUDIT_LOG_PRUNED = 'AuditLogPruned';

export interface AuditLogPrunedData {
  action: 'retention';
  stream: string;
  firstRevision: number;
  throughRevision: number;
  /** The hash of the last removed event: the next kept event's prevHash. */
  lastHash: string;
  /** The hash the first removed event linked to. */
  prevHash: string;
  count: number;
  /** Global positions of the removed events, in order. */
  positions: number[];
  /** SHA-256 of the canonical JSON of the removed events' [position, hash] entries, as checkpoints sign them. */
  digest: string;
  /** Entries recorded before this were removed. */
  recordedBefore: string;
  retentionDays: number;
  at: string;
}

/** The part of a stored entry retention looks at. */
export interface RetainedEvent {
  revision: number;
  position: number;
  type: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * The runs of a stream's events to remove: consecutive revisions recorded before the cut, not
 * anchors, and none after a kept entry (the log is in time order; a run stops at an anchor).
 */
export function runsToPrune(events: readonly RetainedEvent[], recordedBefore: string): RetainedEvent[][] {
  const runs: RetainedEvent[][] = [];
  let run: RetainedEvent[] = [];
  for (const e of events) {
    if (e.recordedAt >= recordedBefore) break;
    const follows = run.length === 0 || e.revision === run[run.length - 1]!.revision + 1;
    if (e.type === AUDIT_LOG_PRUNED || !follows) {
      if (run.length > 0) runs.push(run);
      run = e.type === AUDIT_LOG_PRUNED ? [] : [e];
      continue;
    }
    run.push(e);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The anchor that stands for one removed run. */
export function anchorFor(stream: string, run: readonly RetainedEvent[], options: { recordedBefore: string; retentionDays: number; at: string }): AuditLogPrunedData {
  const entries: SegmentEntry[] = run.map((e) => [e.position, e.hash]);
  return {
    action: 'retention',
    stream,
    firstRevision: run[0]!.revision,
    throughRevision: run[run.length - 1]!.revision,
    lastHash: run[run.length - 1]!.hash,
    prevHash: run[0]!.prevHash,
    count: run.length,
    positions: run.map((e) => e.position),
    digest: segmentHash(entries),
    recordedBefore: options.recordedBefore,
    retentionDays: options.retentionDays,
    at: options.at,
  };
}

/** A line of a stream as the gap check reads it (an event, or a withheld link). */
export interface ChainLine {
  revision: number;
  prevHash: string;
  hash: string;
  type?: string;
  data?: unknown;
}

/**
 * Where each kept line's chain must link, given the anchors among the lines: the previous line's
 * hash, or — across a gap in revisions — the anchor for exactly that gap, whose own prevHash links
 * to the line before the gap and whose lastHash is what the next line links to. Returns the
 * problem with the first line whose gap no anchor explains, or undefined.
 */
export function gapProblem(lines: readonly ChainLine[]): { index: number; problem: string } | undefined {
  const anchors = new Map<number, AuditLogPrunedData>();
  for (const line of lines) {
    if (line.type !== AUDIT_LOG_PRUNED || !line.data || typeof line.data !== 'object') continue;
    const anchor = line.data as AuditLogPrunedData;
    if (typeof anchor.firstRevision === 'number') anchors.set(anchor.firstRevision, anchor);
  }
  let expected = 0;
  let prevHash = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    if (line.revision !== expected) {
      const anchor = anchors.get(expected);
      if (!anchor || anchor.throughRevision !== line.revision - 1) return { index, problem: `revision ${line.revision} where revision ${expected} was expected, and no retention anchor removes revisions ${expected} to ${line.revision - 1}: an event was dropped, added or moved` };
      if (anchor.prevHash !== prevHash) return { index, problem: `the retention anchor for revisions ${expected} to ${line.revision - 1} does not link to the event before them` };
      if (anchor.count !== line.revision - expected || anchor.positions.length !== anchor.count) return { index, problem: `the retention anchor for revisions ${expected} to ${line.revision - 1} does not count them` };
      prevHash = anchor.lastHash;
    }
    if (line.prevHash !== prevHash) return { index, problem: `revision ${line.revision}: prevHash does not link to the event before it${line.revision !== expected ? ' (the retention anchor names another hash)' : ''}` };
    expected = line.revision + 1;
    prevHash = line.hash;
  }
  return undefined;
}
