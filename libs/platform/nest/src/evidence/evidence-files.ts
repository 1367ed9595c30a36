import { BlobTooLarge, type BlobStore } from '@pledgebook/blob-store';
import { invalid, notFound, PledgebookError } from '@pledgebook/util';
import type { Response } from 'express';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { EvidenceSettings } from '../service-config';
import type { EvidenceRef } from './evidence-ref';
import { essenceOf, sniffMediaType, SNIFF_BYTES } from './media-types';

/** The body is not one of the accepted types, or its bytes are not what its Content-Type says: 415. */
export class UnsupportedEvidenceType extends PledgebookError {
  readonly code = 'unsupported_media_type';
  readonly kind = 'unsupported_media_type';
  constructor(message: string, accepted: readonly string[]) {
    super(message, { field: 'headers/content-type', accepted });
  }
}

/** The body is longer than the limit (said by Content-Length, or found while it streams): 413. */
export class EvidenceTooLarge extends PledgebookError {
  readonly code = 'file_too_large';
  readonly kind = 'too_large';
  constructor(maxBytes: number) {
    super(`a file may have at most ${maxBytes} bytes`, { field: 'body', maxBytes });
  }
}

export interface ReceivedEvidence {
  sha256: string;
  size: number;
  mediaType: string;
}

/** Passes the bytes on, checking the first ones against the declared type before any reach the store. */
async function* checkedAgainst(source: AsyncIterable<Buffer>, mediaType: string, accepted: readonly string[]): AsyncIterable<Uint8Array> {
  /** The first bytes, held until there are enough to sniff; undefined once they were checked and passed on. */
  let head: Buffer | undefined = Buffer.alloc(0);
  const checked = (bytes: Buffer) => {
    if (sniffMediaType(bytes) !== mediaType) throw new UnsupportedEvidenceType(`the bytes are not ${mediaType}`, accepted);
    return bytes;
  };
  for await (const chunk of source) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < SNIFF_BYTES) continue;
    yield checked(head);
    head = undefined;
  }
  if (head !== undefined) yield checked(head);
}

/**
 * Evidence files at the edge of a service: takes an upload (raw body, Content-Type one of the
 * accepted types and matching the bytes, at most the limit), checks the references a command
 * makes, and serves a file with the type its bytes have.
 */
export class EvidenceFiles {
  constructor(
    readonly store: BlobStore,
    readonly settings: Pick<EvidenceSettings, 'maxBytes' | 'mediaTypes'>,
  ) {}

  /** Stores the request's body; the hash is the service's own, computed as the bytes arrive. */
  async receive(request: IncomingMessage): Promise<ReceivedEvidence> {
    const mediaType = essenceOf(request.headers['content-type']);
    const accepted = this.settings.mediaTypes;
    if (!accepted.includes(mediaType)) {
      request.resume();
      throw new UnsupportedEvidenceType(`Content-Type must be one of ${accepted.join(', ')}${mediaType ? ` (got ${mediaType})` : ''}`, accepted);
    }
    if (Number(request.headers['content-length'] ?? 0) > this.settings.maxBytes) {
      request.resume();
      throw new EvidenceTooLarge(this.settings.maxBytes);
    }
    try {
      // Not destroyed when the store stops reading (a refusal), so the answer still reaches the client.
      const body = (request as Readable).iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
      const { sha256, size } = await this.store.put(checkedAgainst(body, mediaType, accepted), { maxBytes: this.settings.maxBytes });
      return { sha256, size, mediaType };
    } catch (error) {
      // Whatever was refused, the rest of the body is drained so the answer reaches the client.
      request.resume();
      if (error instanceof BlobTooLarge) throw new EvidenceTooLarge(this.settings.maxBytes);
      throw error;
    }
  }

  /** Every reference names a stored file of that size, whose bytes are of the type it says (422 naming the field otherwise). */
  async requireStored(refs: readonly EvidenceRef[], field: string): Promise<void> {
    for (const [i, ref] of refs.entries()) {
      const at = `${field}/${i}`;
      if (!this.settings.mediaTypes.includes(ref.mediaType)) throw invalid('unsupported_media_type', `evidence of type ${ref.mediaType} is not accepted here`, { field: `${at}/mediaType` });
      const bytes = await this.store.read(ref.sha256);
      if (!bytes) throw invalid('unknown_evidence', `no uploaded file has the hash ${ref.sha256}; upload it first`, { field: `${at}/sha256` });
      if (bytes.length !== ref.size) throw invalid('evidence_size_mismatch', `the file ${ref.sha256} has ${bytes.length} bytes, not ${ref.size}`, { field: `${at}/size` });
      const actual = sniffMediaType(bytes.subarray(0, SNIFF_BYTES));
      if (actual !== ref.mediaType) throw invalid('evidence_type_mismatch', `the file ${ref.sha256} is ${actual ?? 'of no accepted type'}, not ${ref.mediaType}`, { field: `${at}/mediaType` });
    }
  }

  /** Answers with the file: the type its bytes have, never sniffed again by the browser, images inline and PDFs as downloads. */
  async send(response: Response, ref: Pick<EvidenceRef, 'sha256' | 'name'>): Promise<void> {
    const bytes = await this.store.read(ref.sha256);
    if (!bytes) throw notFound('evidence', ref.sha256);
    const mediaType = sniffMediaType(bytes.subarray(0, SNIFF_BYTES)) ?? 'application/octet-stream';
    const inline = mediaType.startsWith('image/');
    response
      .status(200)
      .setHeader('Content-Type', mediaType)
      .setHeader('Content-Length', String(bytes.length))
      .setHeader('ETag', `"${ref.sha256}"`)
      .setHeader('Cache-Control', 'private, max-age=31536000, immutable')
      .setHeader('X-Content-Type-Options', 'nosniff')
      .setHeader('Content-Security-Policy', "default-src 'none'; sandbox")
      .setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${asciiName(ref.name)}"; filename*=UTF-8''${encodeURIComponent(ref.name)}`)
      .end(Buffer.from(bytes));
  }
}

/** The name for old clients: ASCII only, no quotes. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}
