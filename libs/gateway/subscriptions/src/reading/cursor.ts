import { PledgebookError } from '@pledgebook/util';

/** A cursor this API did not hand out, or one for another topic: a 400 naming the field. */
export class InvalidPosition extends PledgebookError {
  readonly code = 'invalid_position';

  constructor(readonly field: string, message: string) {
    super(message, { field });
  }
}

/**
 * A position in a topic: the next offset to read in each partition. Handed out as an opaque
 * cursor (base64url of the topic and the offsets); any cursor still retained reads again.
 */
export function encodeCursor(topic: string, positions: readonly number[]): string {
  return Buffer.from(JSON.stringify({ v: 1, t: topic, o: positions }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, topic: string, field = 'cursor'): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPosition(field, 'not a position this API handed out');
  }
  const p = parsed as { v?: unknown; t?: unknown; o?: unknown };
  if (p?.v !== 1 || typeof p.t !== 'string' || !Array.isArray(p.o) || p.o.length > 1024 || !p.o.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
    throw new InvalidPosition(field, 'not a position this API handed out');
  }
  if (p.t !== topic) throw new InvalidPosition(field, `a position in ${p.t}, not in ${topic}`);
  return p.o as number[];
}

/**
 * A position past a partition's high mark was never handed out (positions only grow): a follower
 * that kept it would silently skip what is published until the partition got there.
 */
export function checkReached(positions: readonly number[], highs: readonly number[], field = 'cursor'): number[] {
  if (positions.some((offset, partition) => offset > (highs[partition] ?? 0))) throw new InvalidPosition(field, 'not a position this API handed out: past the end of the topic');
  return [...positions];
}
