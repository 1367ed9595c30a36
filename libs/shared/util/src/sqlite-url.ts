import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from './errors';

/** `sqlite:./data/x.db`, `sqlite:///abs/x.db` or `sqlite:/abs/x.db` → an absolute file path. */
export function sqliteFileFromUrl(url: string, baseDir: string = process.cwd()): string {
  const match = /^sqlite:(?:\/\/)?(.+)$/.exec(url);
  if (!match?.[1]) throw new ConfigurationError(`not a sqlite URL: "${url}"`, { url });
  const path = match[1];
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
