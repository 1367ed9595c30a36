import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { requireBlobName, takeContent, verifiedBlob, type BlobContent, type BlobInfo, type BlobStore, type PutOptions } from '@pledgebook/blob-store';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Prepended to every key (`<prefix>sha256/<hash>`), so several stores can share a bucket. */
  prefix?: string;
  /** An S3-compatible server's URL (MinIO, Ceph, a cloud's object storage); AWS when left out. */
  endpoint?: string;
  region: string;
  /** Bucket in the path rather than the host name (most self-hosted servers want this). */
  forcePathStyle?: boolean;
  /** Static keys; when left out the SDK's default chain (environment, instance role) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/**
 * The distributed blob store: objects in an S3-compatible bucket, keyed by SHA-256. A put hashes
 * the content first (it is held in memory, bounded by `maxBytes`), skips content already stored,
 * and sends the SHA-256 as the object's checksum, so the server refuses bytes changed on the way.
 * An object appears only when its upload completes, so a killed writer leaves nothing behind.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Only the checksum this store sends (SHA-256): servers other than AWS may not know the SDK's default CRC32.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(sha256: string): string {
    return `${this.prefix}sha256/${requireBlobName(sha256)}`;
  }

  async put(content: BlobContent, options: PutOptions = {}): Promise<BlobInfo> {
    const chunks: Uint8Array[] = [];
    const { sha256, size, digest } = await takeContent(content, options, (chunk) => chunks.push(chunk));
    const existing = await this.stat(sha256);
    if (existing?.size === size) return existing;
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.key(sha256), Body: Buffer.concat(chunks), ContentLength: size, ChecksumSHA256: digest.toString('base64'), ContentType: 'application/octet-stream' }),
    );
    return { sha256, size };
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    const key = this.key(sha256);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sha256, size: head.ContentLength ?? 0 };
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  }

  async read(sha256: string): Promise<Uint8Array | undefined> {
    const key = this.key(sha256);
    let bytes: Uint8Array;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array(0);
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
    return verifiedBlob(sha256, bytes);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
