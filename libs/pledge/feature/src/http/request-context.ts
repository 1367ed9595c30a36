export const encodePageCursor = (value: number) => Buffer.from(`r:${value}`).toString('base64url');
export function decodePageCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^r:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : -1;
}
