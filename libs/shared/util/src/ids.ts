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
