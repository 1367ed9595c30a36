import { unzipSync } from 'fflate';

/** The bundle's files by name, as bytes. */
export type BundleFiles = Map<string, Uint8Array>;

export function readBundle(zip: Uint8Array): BundleFiles {
  return new Map(Object.entries(unzipSync(zip)));
}

const decoder = new TextDecoder('utf-8', { fatal: true });
export const text = (bytes: Uint8Array) => decoder.decode(bytes);

/** Parses JSON Lines; a line that is not JSON is reported by its number (1-based). */
export function parseLines(bytes: Uint8Array, file: string): { lines: unknown[]; problem?: string } {
  const rows = text(bytes).split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  const lines: unknown[] = [];
  for (const [i, row] of rows.entries()) {
    try {
      lines.push(JSON.parse(row));
    } catch {
      return { lines, problem: `${file}, line ${i + 1}: not a JSON value` };
    }
  }
  return { lines };
}
