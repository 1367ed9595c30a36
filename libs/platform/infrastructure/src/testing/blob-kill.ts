import { newId } from '@pledgebook/util';
import { exited, runScript, waitForLine } from './child-process';
import { seededContent } from './blob-content';

/** Starts a process streaming a 4 MiB file into the store at `url`, kills it once it is writing, and answers that file's bytes. */
export async function killBlobWriter(url: string): Promise<Uint8Array> {
  const seed = newId();
  const size = 4 * 1024 * 1024;
  const child = runScript('blob-writer.script.ts', [url, seed, String(size)]);
  await waitForLine(child, 'writing');
  child.kill('SIGKILL');
  await exited(child);
  return seededContent(seed, size);
}
