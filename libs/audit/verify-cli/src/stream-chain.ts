import { isWithheld, type BundleStream, type BundleStreamLine } from '@pledgebook/audit-domain';
import { eventHash, GENESIS_HASH } from '@pledgebook/event-store';

export interface ChainResult {
  ok: boolean;
  /** The first broken line, named for a reader: stream, revision, event id and type. */
  problem?: string;
  lastRevision: number;
  lastHash: string;
  events: number;
  withheld: number;
  positions: number[];
}

const nameOf = (line: Partial<BundleStreamLine> & { revision?: number }, index: number) => {
  const parts = [`revision ${typeof line.revision === 'number' ? line.revision : `? (line ${index + 1})`}`];
  if (!isWithheld(line as BundleStreamLine) && typeof (line as { id?: unknown }).id === 'string') parts.push(`event ${(line as { id: string }).id}`);
  if (typeof (line as { type?: unknown }).type === 'string') parts.push((line as { type: string }).type);
  if (typeof line.position === 'number') parts.push(`position ${line.position}`);
  return parts.join(', ');
};

/**
 * Recomputes one stream's chain from its lines with the store's own hash function (canonical JSON,
 * SHA-256): revisions from 0 without gaps, each prevHash the hash before it, each carried event's
 * hash its content's, global positions rising. Withheld lines are checked as links only.
 */
export function verifyStreamLines(entry: BundleStream, lines: readonly unknown[]): ChainResult {
  let prevHash = GENESIS_HASH;
  let lastPosition = 0;
  let events = 0;
  let withheld = 0;
  const positions: number[] = [];
  const fail = (problem: string): ChainResult => ({ ok: false, problem: `stream ${entry.stream}: ${problem}`, lastRevision: positions.length - 1, lastHash: prevHash, events, withheld, positions });
  for (const [i, raw] of lines.entries()) {
    const line = raw as BundleStreamLine;
    if (line === null || typeof line !== 'object') return fail(`line ${i + 1} is not an event`);
    if (line.stream !== entry.stream) return fail(`${nameOf(line, i)} belongs to stream ${String(line.stream)}`);
    if (line.revision !== i) return fail(`${nameOf(line, i)} where revision ${i} was expected: an event was dropped, added or moved`);
    if (typeof line.position !== 'number' || line.position <= lastPosition) return fail(`${nameOf(line, i)}: its global position does not follow the one before (${lastPosition})`);
    if (line.prevHash !== prevHash) return fail(`${nameOf(line, i)}: prevHash does not link to the event before it`);
    if (isWithheld(line)) {
      withheld += 1;
    } else {
      let computed: string;
      try {
        computed = eventHash(line.prevHash, line as unknown as Parameters<typeof eventHash>[1]);
      } catch {
        return fail(`${nameOf(line, i)}: its content cannot be hashed (missing fields)`);
      }
      if (computed !== line.hash) return fail(`${nameOf(line, i)}: its hash does not match its content — the event was altered`);
      events += 1;
    }
    if (typeof line.hash !== 'string' || !/^[0-9a-f]{64}$/.test(line.hash)) return fail(`${nameOf(line, i)}: no hash`);
    prevHash = line.hash;
    lastPosition = line.position;
    positions.push(line.position);
  }
  return { ok: true, lastRevision: lines.length - 1, lastHash: prevHash, events, withheld, positions };
}
