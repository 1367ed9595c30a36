import { blobStoreContract } from '@pledgebook/blob-store/testing';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlobStore } from './open-blob-store';
import { killBlobWriter } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const url = `file:${join(dir, 'evidence')}`;

blobStoreContract('files', {
  open: () => openBlobStore(url),
  killWhileWriting: async () => {
    const content = await killBlobWriter(url);
    // What the killed writer left: a partial file of a process that no longer runs.
    expect(readdirSync(join(dir, 'evidence', '.partial')).length).toBeGreaterThan(0);
    return content;
  },
});

describe('files: what the directory holds', () => {
  it('holds each blob as <first two hex digits>/<sha256>, no partial file once a store reopens after a kill', async () => {
    const store = await openBlobStore(url);
    const { sha256 } = await store.put(Buffer.from('receipt'));
    expect(readdirSync(join(dir, 'evidence', sha256.slice(0, 2)))).toContain(sha256);
    await killBlobWriter(url);
    await (await openBlobStore(url)).close();
    expect(readdirSync(join(dir, 'evidence', '.partial'))).toEqual([]);
    await store.close();
  });

  it('refuses to read a blob whose file was changed under it', async () => {
    const store = await openBlobStore(url);
    const { sha256 } = await store.put(Buffer.from('the original scan'));
    writeFileSync(join(dir, 'evidence', sha256.slice(0, 2), sha256), 'a changed scan');
    await expect(store.read(sha256)).rejects.toMatchObject({ code: 'blob_corrupted' });
    // Storing the original again mends it.
    await store.put(Buffer.from('the original scan'));
    expect(Buffer.from((await store.read(sha256))!).toString()).toBe('the original scan');
    await store.close();
  });

  it('refuses a URL it does not know', async () => {
    await expect(openBlobStore('ftp://x')).rejects.toMatchObject({ code: 'configuration_error' });
    await expect(openBlobStore('s3://user:pw@bucket')).rejects.toMatchObject({ code: 'configuration_error' });
  });
});
