import { feedBody, type FeedPage } from '@pledgebook/gateway-subscriptions';
import type { ServerResponse } from 'node:http';

/**
 * Writes a feed page: its body is the events' JSON as the bus holds it (feedBody), written in one
 * piece with its length. Writing it in pieces while the page was read measured slower: more
 * writes and more CPU at the gateway, and the follower parses only the whole answer anyway.
 * No ETag either: the page is never cached.
 */
export function writeFeedPage(res: ServerResponse, page: FeedPage): void {
  const body = feedBody(page);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store' }).end(body);
}
