import { PledgebookError } from '@pledgebook/util';
import { createHash } from 'node:crypto';

/** What the store knows of a blob: its content hash (lower-case hex SHA-256) and its length in bytes. */
export interface BlobInfo {
  sha256: string;
  size: number;
}

export type BlobContent = Uint8Array | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** The hash the caller expects; content that hashes otherwise is refused and nothing is kept. */
  expectedSha256?: string;
  /** Content longer than this is refused while it streams in; nothing is kept. */
  maxBytes?: number;
}

/**
 * Content-addressed storage for evidence files (photos, scans): a blob's name is the SHA-256 of
 * its bytes, so the same file stored twice is one blob, and a hash recorded in an event names
 * exactly one content. Writes are all or nothing: a blob is visible whole or not at all.
 */
export interface BlobStore {
  /** Stores the content and answers its hash and size; storing content already there is a no-op. */
  put(content: BlobContent, options?: PutOptions): Promise<BlobInfo>;
  /** The blob's size when it is stored, else undefined. */
  stat(sha256: string): Promise<BlobInfo | undefined>;
  /** The blob's bytes, checked against its hash (a changed file is a BlobCorrupted error), or undefined. */
  read(sha256: string): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The name is not a SHA-256 in lower-case hex (the only names a store answers to: no paths). */
export class InvalidBlobName extends PledgebookError {
  readonly code = 'invalid_blob_name';
  readonly kind = 'invalid';
  constructor(name: string) {
    super(`"${name.slice(0, 80)}" is not a SHA-256 in lower-case hex`, { field: 'sha256' });
  }
}

/** The content does not hash to what the caller said it would. */
export class BlobHashMismatch extends PledgebookError {
  readonly code = 'hash_mismatch';
  readonly kind = 'invalid';
  constructor(expected: string, actual: string) {
    super(`the content hashes to ${actual}, not ${expected}`, { field: 'sha256', expected, actual });
  }
}

/** The content is longer than the store was asked to accept. */
export class BlobTooLarge extends PledgebookError {
  readonly code = 'file_too_large';
  readonly kind = 'too_large';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`, { maxBytes });
  }
}

/** A stored blob no longer hashes to its name: the storage under it was changed. */
export class BlobCorrupted extends PledgebookError {
  readonly code = 'blob_corrupted';
  constructor(sha256: string, actual: string) {
    super(`the blob stored as ${sha256} now hashes to ${actual}`, { sha256, actual });
  }
}

export function requireBlobName(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new InvalidBlobName(sha256);
  return sha256;
}

/** Iterates over either kind of content. */
export async function* chunksOf(content: BlobContent): AsyncIterable<Uint8Array> {
  if (content instanceof Uint8Array) yield content;
  else yield* content;
}

/**
 * What every store's `put` does with the content before keeping it: hands it to `write` chunk by
 * chunk, hashing and counting as it goes; more than `maxBytes` is refused while it streams, and
 * content that does not hash to `expectedSha256` once it is whole. `digest` is the raw hash.
 */
export async function takeContent(content: BlobContent, options: PutOptions, write: (chunk: Uint8Array) => unknown): Promise<BlobInfo & { digest: Buffer }> {
  if (options.expectedSha256 !== undefined) requireBlobName(options.expectedSha256);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunksOf(content)) {
    size += chunk.length;
    if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLarge(options.maxBytes);
    hash.update(chunk);
    await write(chunk);
  }
  const digest = hash.digest();
  const sha256 = digest.toString('hex');
  if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) throw new BlobHashMismatch(options.expectedSha256, sha256);
  return { sha256, size, digest };
}

/** A stored blob's bytes when they still hash to its name; else a BlobCorrupted error. */
export function verifiedBlob<T extends Uint8Array>(sha256: string, bytes: T): T {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new BlobCorrupted(sha256, actual);
  return bytes;
}
