import { createHash } from 'node:crypto';
import { v7 as uuidv7, validate, version } from 'uuid';

/** A new time-ordered UUID (v7): event ids sort by creation time. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && validate(value);
}

export function isUuidV7(value: unknown): value is string {
  return isUuid(value) && version(value) === 7;
}

/** A UUID (v8 layout) derived from a string: the same seed gives the same id (idempotent retries). */
export function deterministicId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
