import type { MessageBus } from '@pledgebook/message-bus';
import { sleep } from '@pledgebook/util';
import type { BureauScope } from '../model/subscription';
import { scopeDecision } from '../scope/bureau-tree';
import { decideScope, type BureauSource } from '../scope/bureau-directory';
import { encodeCursor } from './cursor';
import { busEntries, type TopicEntry } from './topic-entry';
import { TopicStream } from './topic-stream';
import type { TopicWatcher } from './topic-watcher';

export interface FeedQuery {
  topic: string;
  types?: readonly string[];
  bureauScope: BureauScope;
  /** Where to read from (per-partition offsets). */
  from: number[];
  limit: number;
  /** Long poll: when nothing is there yet, wait up to this long for it. */
  waitMs: number;
}

export interface FeedPage {
  /** The events in scope, each with its CloudEvent's JSON as the bus holds it. */
  items: TopicEntry[];
  /** Where the next page starts (also after events skipped as outside the scope). */
  cursor: string;
}

const OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/**
 * The answer, `{"items":[CloudEvent…],"cursor":"…"}`, put together from the events' stored bytes:
 * nothing parsed into an answer object, serialised or encoded again.
 */
export function feedBody(page: FeedPage): Buffer {
  const parts: Buffer[] = [OPEN];
  page.items.forEach((e, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(e.body);
  });
  parts.push(Buffer.from(`],"cursor":${JSON.stringify(page.cursor)}}`, 'utf8'));
  return Buffer.concat(parts);
}

export interface FeedDeps {
  bus: MessageBus;
  watcher: TopicWatcher;
  bureaus: BureauSource;
  /** How long an event of a bureau not yet known may wait for its registration before it counts as outside. */
  hierarchyGraceMs: number;
  now?: () => number;
}

/**
 * One page of a subscription's events, in the same merged order webhooks are delivered in.
 * Events outside the scope or of other types are passed over (the cursor moves past them);
 * an event whose bureau is not known yet ends the page until it is.
 */
export async function readFeed(deps: FeedDeps, query: FeedQuery, signal?: AbortSignal): Promise<FeedPage> {
  const now = deps.now ?? Date.now;
  const deadline = now() + query.waitMs;
  const wanted = query.types && query.types.length > 0 ? new Set(query.types) : undefined;
  const scanBudget = query.limit * 20 + 200;
  let position = query.from;
  const entries = busEntries(deps.bus);
  for (;;) {
    const generation = deps.watcher.generation(query.topic);
    // A page takes about limit/partitions from each partition; a partition that runs out is read again.
    const stream = new TopicStream(entries, query.topic, position, Math.max(50, Math.ceil(query.limit / Math.max(1, position.length)) + 10));
    const items: TopicEntry[] = [];
    const tree = await deps.bureaus.tree();
    let blocked = false;
    for (let scanned = 0; items.length < query.limit && scanned < scanBudget; scanned++) {
      // A partition that runs out near the page's end is read again for what the page still needs,
      // not a whole chunk — but never fewer than 50, so a narrow scope is not read a row at a time.
      stream.needAtMost(Math.max(50, query.limit - items.length));
      const entry = await stream.peek();
      if (!entry) break;
      if (wanted && !wanted.has(entry.type)) {
        stream.take();
        continue;
      }
      // The common case decides on the page's copy of the tree; only an unknown bureau asks for a fresher one.
      let decision = scopeDecision(entry.bureauid, query.bureauScope, tree, entry.time, now(), deps.hierarchyGraceMs);
      if (decision === 'wait') decision = await decideScope(deps.bureaus, entry, query.bureauScope, now(), deps.hierarchyGraceMs);
      if (decision === 'wait') {
        blocked = true;
        break;
      }
      stream.take();
      if (decision === 'in') items.push(entry);
    }
    position = stream.position();
    const remaining = deadline - now();
    if (items.length > 0 || remaining <= 0 || signal?.aborted) return { items, cursor: encodeCursor(query.topic, position) };
    if (blocked) await sleep(Math.min(200, remaining), signal);
    else await deps.watcher.wait(query.topic, generation, remaining, signal);
  }
}
