import { gapProblem, isWithheld, type BundleStream, type BundleStreamLine, type ChainLine } from '@pledgebook/audit-domain';
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
 * SHA-256): revisions from 0 without gaps — but those a retention anchor in the stream removes
 * (ADR 0079) —, each prevHash the hash before it (or the anchor's across its gap), each carried
 * event's hash its content's, global positions rising. Withheld lines are checked as links only.
 */
export function verifyStreamLines(entry: BundleStream, lines: readonly unknown[]): ChainResult {
  let prevHash = GENESIS_HASH;
  let lastPosition = 0;
  let events = 0;
  let withheld = 0;
  const positions: number[] = [];
  const fail = (problem: string): ChainResult => ({ ok: false, problem: `stream ${entry.stream}: ${problem}`, lastRevision: -1, lastHash: prevHash, events, withheld, positions });
  const bad = lines.findIndex((raw) => raw === null || typeof raw !== 'object');
  if (bad >= 0) return fail(`line ${bad + 1} is not an event`);
  const gap = gapProblem(lines as ChainLine[]);
  for (const [i, raw] of lines.entries()) {
    const line = raw as BundleStreamLine;
    if (line.stream !== entry.stream) return fail(`${nameOf(line, i)} belongs to stream ${String(line.stream)}`);
    if (gap?.index === i) return fail(`${nameOf(line, i)}: ${gap.problem}`);
    if (typeof line.position !== 'number' || line.position <= lastPosition) return fail(`${nameOf(line, i)}: its global position does not follow the one before (${lastPosition})`);
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
  const last = lines[lines.length - 1] as BundleStreamLine | undefined;
  return { ok: true, lastRevision: last ? last.revision : -1, lastHash: prevHash, events, withheld, positions };
}
