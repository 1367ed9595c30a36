import { requireBlobName, takeContent, verifiedBlob, type BlobContent, type BlobInfo, type BlobStore, type PutOptions } from '@pledgebook/blob-store';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const PARTIAL = '.partial';
const PARTIAL_NAME = /^(\d+)-[0-9a-f-]{36}\.part$/;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes a rename or a new file in `dir` durable (the directory entry itself is synced). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The embedded blob store: files under one directory, each named by its SHA-256
 * (`<root>/<first two hex digits>/<sha256>`). A write streams into a partial file named by the
 * writing process, hashes as it goes, is fsynced, then renamed into place (rename is atomic), and
 * the directory is fsynced: a blob is there whole or not at all, and a crash leaves only a partial
 * file, removed when a store next opens (if its process is gone).
 */
export class FsBlobStore implements BlobStore {
  private constructor(private readonly root: string) {}

  static async open(root: string): Promise<FsBlobStore> {
    await mkdir(join(root, PARTIAL), { recursive: true });
    const store = new FsBlobStore(root);
    await store.removeAbandonedPartials();
    return store;
  }

  /** Partial files of processes that no longer run (killed while writing). */
  private async removeAbandonedPartials(): Promise<void> {
    for (const name of await readdir(join(this.root, PARTIAL))) {
      const pid = PARTIAL_NAME.exec(name)?.[1];
      if (pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid))) await unlink(join(this.root, PARTIAL, name)).catch(() => undefined);
    }
  }

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(content: BlobContent, options: PutOptions = {}): Promise<BlobInfo> {
    if (options.expectedSha256 !== undefined) requireBlobName(options.expectedSha256);
    const partial = join(this.root, PARTIAL, `${process.pid}-${randomUUID()}.part`);
    let handle: FileHandle | undefined = await open(partial, 'wx', 0o640);
    let kept = false;
    try {
      const file = handle;
      const { sha256, size } = await takeContent(content, options, (chunk) => file.write(chunk));
      await handle.sync();
      await handle.close();
      handle = undefined;
      const existing = await this.stat(sha256);
      if (existing?.size === size) return existing;
      const target = this.pathOf(sha256);
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      // Two writers of the same content rename the same bytes onto the same name: either wins.
      await rename(partial, target);
      kept = true;
      await syncDirectory(join(this.root, sha256.slice(0, 2)));
      return { sha256, size };
    } finally {
      await handle?.close().catch(() => undefined);
      if (!kept) await unlink(partial).catch(() => undefined);
    }
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    try {
      const found = await stat(this.pathOf(requireBlobName(sha256)));
      return found.isFile() ? { sha256, size: found.size } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async read(sha256: string): Promise<Uint8Array | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(requireBlobName(sha256)));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    return verifiedBlob(sha256, bytes);
  }

  async close(): Promise<void> {
    // Nothing is held open between calls.
  }
}
