import { createHash } from 'node:crypto';

/** The same bytes for the same seed, in the test and in the process it kills. */
export function seededContent(seed: string, size: number): Uint8Array {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}
