import { BadInput } from './problem';

export const etagFor = (revision: number) => `"${revision}"`;

/** If-Match → the expected stream revision; absent → undefined. Only our own strong ETags are accepted. */
export function expectedRevisionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch === '*') return undefined;
  const match = /^"(\d+)"$/.exec(ifMatch.trim());
  if (!match) throw new BadInput([{ field: 'If-Match', message: 'must be an ETag this API returned, like "3"' }]);
  return Number(match[1]);
}
