import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the event), hex encoded. */
export function chainHash(prevHash: string, hashedContent: unknown): string {
  return sha256Hex(prevHash + canonicalJson(hashedContent));
}
