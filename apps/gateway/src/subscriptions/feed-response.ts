import { feedBody, type FeedPage } from '@pledgebook/gateway-subscriptions';
import type { ServerResponse } from 'node:http';

/** What the next page's request repeats of this one's (the cursor is the page's). */
export interface NextPage {
  limit: number;
  wait: number;
}

/**
 * The next page's address for the `Link` header (RFC 8288): a query-only reference, resolved
 * against the address the follower asked at — so it holds behind a proxy that serves the API
 * under another path, and never points anywhere else.
 */
export function nextPageLink(page: FeedPage, next: NextPage): string {
  const query = new URLSearchParams({ cursor: page.cursor, limit: String(next.limit), ...(next.wait > 0 ? { wait: String(next.wait) } : {}) });
  return `<?${query}>; rel="next"`;
}

/**
 * Writes a feed page: its body is the events' JSON as the bus holds it (feedBody), written in one
 * piece with its length. Writing it in pieces while the page was read measured slower: more
 * writes and more CPU at the gateway, and the follower parses only the whole answer anyway.
 * The next page's address is in a `Link` header too, so a follower can ask for it as soon as the
 * headers arrive and read this page while the gateway reads the next (ADR 0091). No ETag: the
 * page is never cached.
 */
export function writeFeedPage(res: ServerResponse, page: FeedPage, next: NextPage): void {
  const body = feedBody(page);
  res
    .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store', link: nextPageLink(page, next) })
    .end(body);
}
