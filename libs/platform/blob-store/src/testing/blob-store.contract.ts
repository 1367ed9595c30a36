import { createHash, randomBytes } from 'node:crypto';
import { BlobHashMismatch, BlobTooLarge, InvalidBlobName, type BlobStore } from '../blob-store';

export interface BlobStoreContractOptions {
  /** Opens a store; every call opens another handle on the same storage. */
  open(): Promise<BlobStore>;
  /**
   * Starts another process that streams a file into the storage and kills it (SIGKILL) halfway
   * through; answers the content it was writing.
   */
  killWhileWriting?(): Promise<Uint8Array>;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function* slowly(bytes: Uint8Array, chunk: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += chunk) {
    yield bytes.subarray(at, at + chunk);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The blob-store contract: the embedded adapter runs it in every test run, the S3 one against a real server. */
export function blobStoreContract(name: string, options: BlobStoreContractOptions): void {
  describe(`${name}: blob store contract`, () => {
    let store: BlobStore;
    beforeAll(async () => {
      store = await options.open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('stores content under its SHA-256 and reads it back whole', async () => {
      const bytes = randomBytes(70_000);
      const info = await store.put(bytes);
      expect(info).toEqual({ sha256: sha(bytes), size: bytes.length });
      expect(await store.stat(info.sha256)).toEqual(info);
      expect(Buffer.from((await store.read(info.sha256))!).equals(bytes)).toBe(true);
    });

    it('streams content in chunks, and keeps an empty file too', async () => {
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const info = await store.put(slowly(bytes, 64 * 1024));
      expect(info).toEqual({ sha256: sha(bytes), size: bytes.length });
      expect(Buffer.from((await store.read(info.sha256))!).equals(bytes)).toBe(true);
      const empty = await store.put(new Uint8Array(0));
      expect(empty).toEqual({ sha256: sha(new Uint8Array(0)), size: 0 });
      expect((await store.read(empty.sha256))!.length).toBe(0);
    });

    it('answers undefined for a hash it does not hold', async () => {
      const absent = sha(randomBytes(32));
      expect(await store.stat(absent)).toBeUndefined();
      expect(await store.read(absent)).toBeUndefined();
    });

    it('answers only to SHA-256 names: paths, upper case and short names are refused', async () => {
      for (const name of ['../../etc/passwd', `../${'a'.repeat(61)}`, 'A'.repeat(64), 'a'.repeat(63), '', `${'a'.repeat(64)}/..`, `${'a'.repeat(63)}\0`]) {
        await expect(store.stat(name)).rejects.toBeInstanceOf(InvalidBlobName);
        await expect(store.read(name)).rejects.toBeInstanceOf(InvalidBlobName);
      }
    });

    it('refuses content that does not hash to the expected hash, and keeps none of it', async () => {
      const bytes = randomBytes(10_000);
      const claimed = sha(randomBytes(10));
      await expect(store.put(bytes, { expectedSha256: claimed })).rejects.toBeInstanceOf(BlobHashMismatch);
      expect(await store.stat(claimed)).toBeUndefined();
      expect(await store.stat(sha(bytes))).toBeUndefined();
      expect(await store.put(bytes, { expectedSha256: sha(bytes) })).toEqual({ sha256: sha(bytes), size: bytes.length });
    });

    it('refuses content over the size limit while it streams, and keeps none of it', async () => {
      const bytes = randomBytes(200_000);
      await expect(store.put(slowly(bytes, 16_384), { maxBytes: 100_000 })).rejects.toBeInstanceOf(BlobTooLarge);
      await expect(store.put(bytes, { maxBytes: 199_999 })).rejects.toBeInstanceOf(BlobTooLarge);
      expect(await store.stat(sha(bytes))).toBeUndefined();
      expect((await store.put(bytes, { maxBytes: 200_000 })).size).toBe(200_000);
    });

    it('takes the same content from many writers at once as one blob', async () => {
      const bytes = randomBytes(500_000);
      const other = await options.open();
      try {
        const writes = Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).put(i % 3 ? slowly(bytes, 32_768) : bytes));
        const infos = await Promise.all(writes);
        for (const info of infos) expect(info).toEqual({ sha256: sha(bytes), size: bytes.length });
        expect(Buffer.from((await other.read(sha(bytes)))!).equals(bytes)).toBe(true);
        expect(Buffer.from((await store.read(sha(bytes)))!).equals(bytes)).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('keeps different contents written at once apart', async () => {
      const files = Array.from({ length: 6 }, () => randomBytes(40_000));
      const infos = await Promise.all(files.map((f) => store.put(slowly(f, 8192))));
      for (const [i, f] of files.entries()) {
        expect(infos[i]!.sha256).toBe(sha(f));
        expect(Buffer.from((await store.read(sha(f)))!).equals(f)).toBe(true);
      }
    });

    if (options.killWhileWriting) {
      const killWhileWriting = options.killWhileWriting;
      it('shows nothing of a write whose process was killed halfway, and takes the file again afterwards', async () => {
        const content = await killWhileWriting();
        const reopened = await options.open();
        try {
          expect(await reopened.stat(sha(content))).toBeUndefined();
          expect(await reopened.read(sha(content))).toBeUndefined();
          expect(await reopened.put(content)).toEqual({ sha256: sha(content), size: content.length });
          expect(Buffer.from((await reopened.read(sha(content)))!).equals(content)).toBe(true);
        } finally {
          await reopened.close();
        }
      });
    }
  });
}
