// Streams a file into a blob store slowly, in another process, so a test can kill it halfway.
// argv: store URL, seed, size. Prints "writing" after the first chunk and never finishes on its own schedule.
import { createHash } from 'node:crypto';
import { openBlobStore } from '../open-blob-store';
import { seededContent } from './blob-content';

async function* slowly(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 65_536) {
    yield bytes.subarray(at, at + 65_536);
    if (at === 0) process.stdout.write('writing\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const [url, seed, size] = process.argv.slice(2);
  const store = await openBlobStore(url!);
  const content = seededContent(seed!, Number(size));
  await store.put(slowly(content), { expectedSha256: createHash('sha256').update(content).digest('hex') });
  process.stdout.write('written\n');
  await store.close();
}

void main();
