import { blobStoreContract } from '@pledgebook/blob-store/testing';
import { newId } from '@pledgebook/util';
import { openBlobStore } from './open-blob-store';
import { describeWithServer, killBlobWriter } from './testing';

// TEST_S3_URL names a bucket that exists, e.g. s3://pledgebook-test?endpoint=http://localhost:9000&forcePathStyle=true;
// the keys come from the SDK's default chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
describeWithServer('TEST_S3_URL', 'S3', (url) => {
  // Each run writes under its own prefix of the bucket.
  const location = new URL(url);
  location.pathname = `${location.pathname.replace(/\/+$/, '')}/run-${newId().slice(-12)}/`;
  const prefixed = location.toString();
  blobStoreContract('s3', { open: () => openBlobStore(prefixed), killWhileWriting: () => killBlobWriter(prefixed) });
});
