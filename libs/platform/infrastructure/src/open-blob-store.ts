import type { BlobStore } from '@pledgebook/blob-store';
import { FsBlobStore } from '@pledgebook/blob-store-fs';
import { S3BlobStore } from '@pledgebook/blob-store-s3';
import { ConfigurationError } from '@pledgebook/util';
import { isAbsolute, join } from 'node:path';

export interface OpenBlobStoreOptions {
  /** Resolves a relative `file:` directory. */
  baseDir?: string;
  /** Keys for the S3 server (from settings, kept out of the URL); else the SDK's default chain. */
  s3Credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The setting the URL came from, named in errors. */
  variable?: string;
}

/** The server an evidence store URL names, for logs and health answers. */
export function blobStoreEngine(url: string): 'files' | 'S3' {
  return url.startsWith('s3://') ? 'S3' : 'files';
}

/**
 * `file:<directory>` → files named by their SHA-256 under the directory;
 * `s3://<bucket>[/<prefix>]?endpoint=<url>&region=<region>&forcePathStyle=true` → an S3-compatible bucket.
 */
export async function openBlobStore(url: string, options: OpenBlobStoreOptions = {}): Promise<BlobStore> {
  const variable = options.variable ?? 'EVIDENCE_STORE_URL';
  if (url.startsWith('file:')) {
    const dir = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!dir) throw new ConfigurationError(`${variable} names no directory (got "${url}")`, { variable });
    return FsBlobStore.open(isAbsolute(dir) || !options.baseDir ? dir : join(options.baseDir, dir));
  }
  if (url.startsWith('s3://')) return new S3BlobStore({ ...s3Location(url, variable), ...(options.s3Credentials ? { credentials: options.s3Credentials } : {}) });
  throw new ConfigurationError(`${variable} must start with file: or s3:// (got "${url}")`, { variable });
}

/** The bucket, prefix and server of an `s3://` URL. */
export function s3Location(url: string, variable = 'EVIDENCE_STORE_URL') {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`${variable} is not a URL (got "${url}")`, { variable });
  }
  if (parsed.username || parsed.password) throw new ConfigurationError(`${variable} carries no keys: set EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY`, { variable });
  const bucket = parsed.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigurationError(`${variable} names no valid bucket (got "${bucket}")`, { variable });
  const prefix = parsed.pathname.replace(/^\/+/, '');
  const endpoint = parsed.searchParams.get('endpoint') ?? undefined;
  return {
    bucket,
    ...(prefix ? { prefix: prefix.endsWith('/') ? prefix : `${prefix}/` } : {}),
    ...(endpoint ? { endpoint } : {}),
    region: parsed.searchParams.get('region') ?? 'us-east-1',
    forcePathStyle: parsed.searchParams.get('forcePathStyle') === 'true',
  };
}
