import { randomInt } from 'node:crypto';
import { sha256Hex } from '@pledgebook/util';

/** Letters and digits that cannot be misread on a printed slip (no I, O, 0, 1). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time code as printed: three groups of four, about 60 bits from a cryptographic source. */
export function newBallotCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** Only the hash of a code is stored: its stream names the hash, never the code. */
export const ballotCodeHash = (code: string) => sha256Hex(code.trim().toUpperCase());
