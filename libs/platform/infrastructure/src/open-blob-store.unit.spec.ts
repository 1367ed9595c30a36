import { blobStoreEngine, s3Location } from './open-blob-store';

describe('evidence store URLs', () => {
  it('reads the bucket, prefix and server of an s3:// URL', () => {
    expect(s3Location('s3://pledgebook-evidence/bureau-files?endpoint=http://minio:9000&region=cn-north-1&forcePathStyle=true')).toEqual({
      bucket: 'pledgebook-evidence',
      prefix: 'bureau-files/',
      endpoint: 'http://minio:9000',
      region: 'cn-north-1',
      forcePathStyle: true,
    });
    expect(s3Location('s3://evidence')).toEqual({ bucket: 'evidence', region: 'us-east-1', forcePathStyle: false });
  });

  it('refuses keys in the URL and bucket names S3 does not allow, naming the setting', () => {
    expect(() => s3Location('s3://key:secret@evidence')).toThrow(/EVIDENCE_S3_ACCESS_KEY_ID/);
    expect(() => s3Location('s3://Evidence_Files')).toThrow(/EVIDENCE_STORE_URL names no valid bucket/);
  });

  it('names the engine', () => {
    expect(blobStoreEngine('s3://evidence')).toBe('S3');
    expect(blobStoreEngine('file:./data/evidence')).toBe('files');
  });
});
